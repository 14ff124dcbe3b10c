from django.db import migrations


def seed(apps, schema_editor):
    from measurements.question_bank import seed as seed_bank

    seed_bank(apps.get_model("measurements", "Question"))


class Migration(migrations.Migration):
    dependencies = [("measurements", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
