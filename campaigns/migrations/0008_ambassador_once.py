from django.db import migrations, models


def merge_double_ambassadors(apps, schema_editor):
    """Before the constraint: a member who is an ambassador of a campaign twice keeps the first entry
    (its team); later entries, which nothing else refers to, are removed."""
    Ambassador = apps.get_model("campaigns", "Ambassador")
    kept = set()
    for ambassador in Ambassador.objects.exclude(membership=None).order_by("id"):
        key = (ambassador.campaign_id, ambassador.membership_id)
        if key in kept:
            ambassador.delete()
        else:
            kept.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisation_branding"),
        ("campaigns", "0007_activity_outside_week_core_team_once"),
    ]

    operations = [
        migrations.RunPython(merge_double_ambassadors, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="ambassador",
            constraint=models.UniqueConstraint(
                condition=models.Q(("membership__isnull", False)),
                fields=("campaign", "membership"),
                name="ambassador_once",
            ),
        ),
    ]
