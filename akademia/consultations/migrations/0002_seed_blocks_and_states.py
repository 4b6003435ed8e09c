from django.db import migrations

BLOCKS = [
    ("concept", "Ogólna koncepcja programów", None),
    ("scope", "Zakres tematyczny, poziom szczegółowości", None),
    ("audience", "Sprofilowanie ze względu na odbiorców: kadra kierownicza / pracownicy operacyjni", None),
    ("methods", "Metody realizacji szkoleń", None),
    ("intersession", "Zadania do realizacji w siedzibie jednostek, praca między zjazdami", None),
    ("organisation", "Organizacja szkoleń", None),
    ("organisation.groups", "Wielkość i skład grup szkoleniowych", "organisation"),
    ("organisation.teams", "Wielkość i skład zespołów z JST", "organisation"),
    ("organisation.duration", "Długość i czas realizacji programów", "organisation"),
    ("organisation.modules", "Liczba i częstość modułów", "organisation"),
    ("organisation.schedule", "Dni i godziny zjazdów/modułów", "organisation"),
]
STATES = [
    ("accepted", "uwzględniona", "accepted", True),
    ("partly_accepted", "uwzględniona częściowo", "partly accepted", True),
    ("not_accepted", "nieuwzględniona", "not accepted", False),
    ("explained", "wyjaśniona (bez zmiany programu)", "explained (no change needed)", False),
]


def seed(apps, schema_editor):
    Block = apps.get_model("consultations", "Block")
    DecisionState = apps.get_model("consultations", "DecisionState")
    created = {}
    for order, (code, name, parent) in enumerate(BLOCKS):
        created[code] = Block.objects.create(
            code=code, name=name, parent=created.get(parent), order=order
        )
    for order, (code, name, name_en, changes) in enumerate(STATES):
        DecisionState.objects.create(
            code=code, name=name, name_en=name_en, changes_programme=changes, order=order
        )


def unseed(apps, schema_editor):
    apps.get_model("consultations", "DecisionState").objects.filter(
        code__in=[s[0] for s in STATES]
    ).delete()
    Block = apps.get_model("consultations", "Block")
    Block.objects.filter(parent__isnull=False, code__in=[b[0] for b in BLOCKS]).delete()
    Block.objects.filter(code__in=[b[0] for b in BLOCKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_consultations")]
    operations = [migrations.RunPython(seed, unseed)]
