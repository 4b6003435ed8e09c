"""Names are listed in Polish alphabetical order, by the database and by Python alike
(core/collation.py; CI runs these on PostgreSQL, where the order comes from ICU)."""

from django.urls import reverse

from akademia.core.collation import polish, polish_alphabet_key
from akademia.territory import selectors
from akademia.territory.models import Jst

VOIVODESHIPS = [
    "dolnośląskie",
    "kujawsko-pomorskie",
    "lubelskie",
    "lubuskie",
    "łódzkie",
    "małopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "śląskie",
    "świętokrzyskie",
    "warmińsko-mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
]


def test_python_key_puts_polish_letters_after_their_plain_ones():
    names = ["Żory", "Świętokrzyskie", "Zabrze", "łódzkie", "Śląskie", "Szczecin", "lubuskie"]
    assert sorted(names, key=polish_alphabet_key) == [
        "lubuskie",
        "łódzkie",
        "Szczecin",
        "Śląskie",
        "Świętokrzyskie",
        "Zabrze",
        "Żory",
    ]
    # Case and foreign accents only break ties; they never move a name past another letter.
    assert sorted(["Ćma", "cyna", "Celina", "Émile", "Ewa", "ela"], key=polish_alphabet_key) == [
        "Celina",
        "cyna",
        "Ćma",
        "ela",
        "Émile",
        "Ewa",
    ]


def test_the_database_lists_voivodeships_in_polish_order(db):
    assert [v.name for v in selectors.voivodeship_list()] == VOIVODESHIPS


def test_default_ordering_of_units_is_polish_with_s_and_s_acute(db):
    names = ["Żory", "Zabrze", "Świętochłowice", "Szczekociny", "Sosnowiec", "Łódź", "Lubliniec"]
    listed = list(Jst.objects.filter(name__in=names).values_list("name", flat=True).distinct())
    expected = ["Lubliniec", "Łódź", "Sosnowiec", "Szczekociny", "Świętochłowice", "Zabrze"]
    assert list(dict.fromkeys(listed)) == [*expected, "Żory"]
    by_expression = Jst.objects.filter(name__in=names).order_by(polish("name").desc())
    assert list(dict.fromkeys(by_expression.values_list("name", flat=True)))[0] == "Żory"


def test_the_registry_page_lists_voivodeships_in_polish_order(client, db):
    html = client.get(reverse("territory:poland")).content.decode()
    positions = [html.index(f">{name}</a>") for name in VOIVODESHIPS]
    assert positions == sorted(positions)
