"""The seed's programmes: written by experts in December 2016, consulted in January 2017,
revised after the meeting with the authors in Sulejówek (3–4 February 2017)."""

from datetime import date

from django.db import transaction

from akademia.accounts.models import User
from akademia.programmes import services
from akademia.programmes.models import Programme, VersionStatus

W, L, C, S, E, V, K = (
    "workshop", "lecture", "case_study", "simulation", "e_learning", "study_visit", "coaching",
)  # fmt: skip

PROGRAMMES = [
    {
        "title": "Zarządzanie strategiczne i planowanie rozwoju lokalnego",
        "goal": "Uczestnicy przygotowują i aktualizują strategię rozwoju swojej JST: od diagnozy "
        "z danymi publicznymi, przez wybór celów i projektów, po monitorowanie wskaźników.",
        "target_kinds": ["rural", "urban", "county"],
        "audience": "separate_paths",
        "modules": [
            (
                "Diagnoza sytuacji społeczno-gospodarczej JST",
                12,
                [L, W, E],
                "Zebranie danych z BDL GUS dla własnej gminy i wstępna analiza SWOT.",
            ),
            (
                "Wizja, misja i cele strategiczne",
                12,
                [W, C],
                "Warsztat z radnymi i sołtysami: wybór trzech celów strategicznych.",
            ),
            (
                "Planowanie projektów i finansowanie rozwoju",
                12,
                [W, S],
                "Karta projektu dla jednego przedsięwzięcia z listy inwestycyjnej.",
            ),
            (
                "Wieloletnia prognoza finansowa a strategia",
                8,
                [L, C],
                "Porównanie WPF z listą projektów strategii.",
            ),
            (
                "Monitorowanie i ewaluacja strategii",
                8,
                [W, E],
                "Zestaw wskaźników z wartościami bazowymi.",
            ),
            (
                "Współpraca ponadlokalna i partnerstwa",
                8,
                [V, W],
                "Mapa partnerów w obszarze funkcjonalnym.",
            ),
        ],
        # The revision agreed in Sulejówek: fewer, longer modules; smaller groups; coaching.
        "revision": {
            "merge": (3, 4, "Finansowanie rozwoju: projekty i wieloletnia prognoza finansowa", 16),
            "fields": {"group_max": 24, "gap_min_weeks": 4, "advisory_hours": 16},
            "add_method": (0, K),
        },
    },
    {
        "title": "Partycypacja społeczna i współpraca z mieszkańcami",
        "goal": "Uczestnicy planują i prowadzą konsultacje społeczne, budżet obywatelski "
        "i inne formy udziału mieszkańców w decyzjach JST.",
        "target_kinds": ["rural", "urban"],
        "audience": "both",
        "modules": [
            (
                "Podstawy prawne i standardy konsultacji",
                8,
                [L, C],
                "Przegląd uchwały o konsultacjach w swojej gminie.",
            ),
            (
                "Metody włączania mieszkańców",
                12,
                [W, S],
                "Plan konsultacji jednej decyzji planowanej na najbliższy rok.",
            ),
            (
                "Budżet obywatelski krok po kroku",
                12,
                [W, C],
                "Harmonogram i regulamin budżetu obywatelskiego.",
            ),
            (
                "Komunikacja z mieszkańcami i informacja zwrotna",
                8,
                [W, E],
                "Raport z konsultacji według wzoru.",
            ),
            (
                "Rady seniorów, młodzieży i organizacje pozarządowe",
                8,
                [V, W],
                "Rozmowa z przedstawicielami rady działającej przy JST.",
            ),
        ],
        "revision": {
            "fields": {"days_per_meeting": 2, "weekdays": [4, 5], "duration_months": 5},
            "add_method": (1, V),
        },
    },
]


def _author() -> User | None:
    return User.objects.filter(email="ekspert@demo.example.org").first()


def _national() -> User:
    return User.objects.get(email="krajowy@demo.example.org")


def _modules(rows) -> list[dict]:
    return [
        {
            "title": title,
            "hours": hours,
            "methods": methods,
            "learning_outcomes": "",
            "intersession_task": task,
        }
        for title, hours, methods, task in rows
    ]


@transaction.atomic
def ensure_demo_programmes() -> None:
    """Two programmes: v1 in consultation (December 2016), v2 approved for the pilot."""
    expert, national = _author(), _national()
    for spec in PROGRAMMES:
        if Programme.objects.filter(title=spec["title"]).exists():
            continue
        v1 = services.programme_create(
            actor=expert,
            title=spec["title"],
            goal=spec["goal"],
            target_kinds=spec["target_kinds"],
            audience=spec["audience"],
        )
        services.version_update(
            actor=expert,
            version=v1,
            fields={
                "weekdays": [5, 6],
                "period_start": date(2017, 9, 1),
                "period_end": date(2018, 6, 30),
                "advisory_hours": 8,
            },
            modules=_modules(spec["modules"]),
        )
        services.version_set_status(
            actor=national, version=v1, status=VersionStatus.IN_CONSULTATION
        )
        v2 = services.version_new(actor=expert, version=v1)
        services.version_update(
            actor=expert, version=v2, fields=spec["revision"]["fields"], modules=_revised(v2, spec)
        )
        services.version_set_status(
            actor=national, version=v2, status=VersionStatus.APPROVED_FOR_PILOT
        )


def _revised(version, spec) -> list[dict]:
    modules = [
        {
            "id": m.pk,
            "title": m.title,
            "hours": m.hours,
            "methods": list(m.methods),
            "learning_outcomes": m.learning_outcomes,
            "intersession_task": m.intersession_task,
        }
        for m in version.modules.order_by("order")
    ]
    revision = spec["revision"]
    if "merge" in revision:
        first, second, title, hours = revision["merge"]
        modules[first - 1].update(title=title, hours=hours)
        modules[first - 1]["methods"] = sorted(
            set(modules[first - 1]["methods"]) | set(modules[second - 1]["methods"])
        )
        del modules[second - 1]
    index, method = revision["add_method"]
    modules[index]["methods"].append(method)
    return modules
