from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def record_team_headcount(apps, schema_editor):
    """Existing pulse teams take their team's headcount of today (the best record there is)."""
    PulseTeam = apps.get_model("measurements", "PulseTeam")
    Team = apps.get_model("accounts", "Team")
    PulseTeam.objects.update(
        headcount=Subquery(Team.objects.filter(pk=OuterRef("team_id")).values("headcount")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("measurements", "0007_pulse_min_group_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="pulseteam",
            name="headcount",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="headcount"),
        ),
        migrations.RunPython(record_team_headcount, migrations.RunPython.noop),
    ]
