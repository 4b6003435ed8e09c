"""The seeded taxonomy: the ten thematic blocks of the seed document (with the parent
"organisation") and the four kinds of decision. Codes are fixed; names can be edited later.

`seed()` takes the model classes, so that the data migration (historical models) and the tests
(after a database flush) fill the same rows.
"""

BLOCKS = [
    ("concept", "Ogólna koncepcja programów", None),
    ("scope", "Zakres tematyczny, poziom szczegółowości", None),
    (
        "audience",
        "Sprofilowanie ze względu na odbiorców: kadra kierownicza / pracownicy operacyjni",
        None,
    ),
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


def seed(Block, DecisionState) -> None:  # noqa: N803 (model classes)
    """Create the missing rows; existing ones are left as operators edited them."""
    created = {}
    for order, (code, name, parent) in enumerate(BLOCKS):
        created[code], _ = Block.objects.get_or_create(
            code=code, defaults={"name": name, "parent": created.get(parent), "order": order}
        )
    for order, (code, name, name_en, changes) in enumerate(STATES):
        DecisionState.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "changes_programme": changes,
                "order": order,
            },
        )
