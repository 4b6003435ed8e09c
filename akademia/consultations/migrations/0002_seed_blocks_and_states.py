from django.db import migrations

from akademia.consultations.taxonomy import BLOCKS, STATES, seed


def forward(apps, schema_editor):
    seed(apps.get_model("consultations", "Block"), apps.get_model("consultations", "DecisionState"))


def unseed(apps, schema_editor):
    apps.get_model("consultations", "DecisionState").objects.filter(
        code__in=[s[0] for s in STATES]
    ).delete()
    Block = apps.get_model("consultations", "Block")
    Block.objects.filter(parent__isnull=False, code__in=[b[0] for b in BLOCKS]).delete()
    Block.objects.filter(code__in=[b[0] for b in BLOCKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_consultations")]
    operations = [migrations.RunPython(forward, unseed)]
