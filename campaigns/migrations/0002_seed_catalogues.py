from django.db import migrations


def seed(apps, schema_editor):
    from campaigns.catalogue import catalogue_seed

    catalogue_seed(
        theme_model=apps.get_model("campaigns", "Theme"),
        kind_model=apps.get_model("campaigns", "ActivityKind"),
        step_model=apps.get_model("campaigns", "PlanStepTemplate"),
    )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
