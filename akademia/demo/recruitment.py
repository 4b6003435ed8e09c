"""The seed's recruitment: the pilot (60 applications, 30 JST and 90 people selected and
published, so enrolled teams exist) and the Śląskie regional project: its first call is decided
(30 of 36 JST enrolled, so the regional operator has teams to plan), its second call is in
progress, and Koziegłowy applies to it through the demo coordinator.

Everything goes through the services, as a person would: save, submit, confirm the e-mail,
check as complete, set quotas, run the selection, publish. Names are generated from fixed
lists, so every run gives the same people; a second run changes nothing.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from akademia.accounts.models import User
from akademia.core.audit import SYSTEM
from akademia.programmes.models import ProgrammeVersion, VersionStatus
from akademia.recruitment import services
from akademia.recruitment.models import Application, Call, CallStatus, Project
from akademia.recruitment.services import ApplicationData
from akademia.territory.kinds import COUNTY_LEVEL_KINDS, JstKind
from akademia.territory.models import Jst, Voivodeship

PILOT = "Pilotaż Akademii Samorządowej"
PILOT_CALL = "Nabór JST do pilotażu"
REGIONAL = "Akademia Samorządowa w województwie śląskim"
REGIONAL_FIRST_CALL = "Pierwszy nabór JST w województwie śląskim"
REGIONAL_CALL = "Drugi nabór JST w województwie śląskim"
KOZIEGLOWY = "2409023"
SECOND_CALL_JST = [KOZIEGLOWY, "2402022", "2414011", "2403000", "2404013"]
QUESTIONS = [
    "Jaki problem w zarządzaniu gminą chcecie rozwiązać dzięki udziałowi w programie?",
    "Jak zespół wykorzysta wiedzę po zakończeniu szkoleń?",
]
ANSWERS = [
    "Chcemy przygotować nową strategię rozwoju z udziałem mieszkańców i powiązać ją z WPF.",
    "Zespół przygotuje plan wdrożenia i przedstawi go radzie; część zadań trafi do regulaminu.",
]
# The pilot's voivodeships: śląskie, łódzkie, małopolskie, mazowieckie, wielkopolskie,
# dolnośląskie.
PILOT_VOIVODESHIPS = ["24", "10", "12", "14", "30", "02"]

WOMEN = ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Joanna", "Magdalena"]
MEN = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Marcin", "Michał", "Grzegorz"]
SURNAMES = [
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Mazur", "Mazur"),
    ("Jankowski", "Jankowska"),
]
MANAGER_POSITIONS = ["sekretarz gminy", "skarbnik", "kierownik referatu rozwoju", "zastępca wójta"]
STAFF_POSITIONS = [
    "inspektor ds. funduszy",
    "podinspektor ds. planowania",
    "specjalista ds. promocji",
]
ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
LETTER = b"%PDF-1.4\n% Demo: list intencyjny\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _person(n: int) -> tuple[str, str]:
    """The n-th person of the fixed lists: (full name, e-mail local part)."""
    woman = n % 2 == 0
    first = (WOMEN if woman else MEN)[(n // 2) % 8]
    surname = SURNAMES[(n * 5 + n // 16) % len(SURNAMES)][1 if woman else 0]
    return f"{first} {surname}", f"{first}.{surname}".lower().translate(ASCII)


def _team(jst: Jst, seed: int, size: int, managers: int) -> list[dict]:
    rows = []
    for i in range(size):
        name, local = _person(seed * 7 + i)
        manager = i < managers
        positions = MANAGER_POSITIONS if manager else STAFF_POSITIONS
        rows.append(
            {
                "full_name": name,
                "email": f"{local}@{jst.code}.demo.example.org",
                "position": positions[(seed + i) % len(positions)],
                "profile": "management" if manager else "operational",
            }
        )
    return rows


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("list-intencyjny.pdf", LETTER, content_type="application/pdf")


def _pilot_units() -> list[Jst]:
    """60 real JST: per voivodeship 4 rural, 3 urban and 3 county-level, picked by code."""
    units = []
    for code in PILOT_VOIVODESHIPS:
        jst = Jst.objects.filter(voivodeship__code=code, active=True).exclude(code=KOZIEGLOWY)
        groups = [
            (jst.filter(kind__in=[JstKind.RURAL_COMMUNE, JstKind.URBAN_RURAL_COMMUNE]), 4, 9),
            (jst.filter(kind=JstKind.URBAN_COMMUNE), 3, 5),
            (jst.filter(kind__in=COUNTY_LEVEL_KINDS), 3, 4),
        ]
        for queryset, count, step in groups:
            units += list(queryset.order_by("code"))[::step][:count]
    return units


def _versions() -> list[ProgrammeVersion]:
    return list(ProgrammeVersion.objects.filter(status=VersionStatus.APPROVED_FOR_PILOT))


def _apply(call: Call, jst: Jst, seed: int, *, coordinator=None, size=3, managers=1) -> Application:
    if coordinator is None:
        name, _local = _person(seed * 7 + 5)
        email = f"koordynator@{jst.code}.demo.example.org"
    else:
        name, email = coordinator.full_name, coordinator.email
    data = ApplicationData(
        jst=jst,
        coordinator_name=name,
        coordinator_email=email,
        team=_team(jst, seed, size, managers),
        answers=ANSWERS,
        consent=True,
        letter=_letter(),
    )
    return services.application_save(actor=SYSTEM, call=call, data=data)


def _submit(application: Application) -> Application:
    services.application_submit(actor=SYSTEM, application=application)
    services.application_confirm_email(actor=SYSTEM, application=application)
    application.refresh_from_db()
    return application


def _open_call(actor, project: Project, title: str, opens_on: date, closes_on: date) -> Call:
    call = services.call_create(
        actor=actor,
        project=project,
        title=title,
        versions=_versions(),
        opens_on=opens_on,
        closes_on=closes_on,
        kinds=["rural", "urban", "county"],
        questions=QUESTIONS,
    )
    return services.call_set_status(actor=actor, call=call, status=CallStatus.OPEN)


@transaction.atomic
def ensure_demo_recruitment() -> None:
    if not _versions():
        return
    national = User.objects.get(email="krajowy@demo.example.org")
    if not Project.objects.filter(name=PILOT).exists():
        _pilot(national)
    if not Project.objects.filter(name=REGIONAL).exists():
        _regional(national)


def _pilot(national) -> None:
    """The seed's story is dated 2017; the demo replays it now: the pilot's call ran five
    months ago and its training is still ahead, within the project's dates."""
    today = timezone.localdate()
    project = services.project_create(
        actor=national,
        name=PILOT,
        target_jst=30,
        target_people=90,
        starts_on=today - timedelta(days=180),
        ends_on=today + timedelta(days=365),
    )
    call = _open_call(national, project, PILOT_CALL, today, today)
    for seed, jst in enumerate(_pilot_units()):
        size = 2 + (seed * 7) % 3  # 2, 3 or 4 people
        managers = 2 if seed % 5 == 0 and size > 2 else 1
        if seed % 6 == 3:
            managers = size  # no operational staff: misses the "complete team" points
        _reviewed(national, call, jst, seed, size=size, managers=managers, points=(seed * 37) % 11)
    _decide(national, call, PILOT_QUOTAS, today - timedelta(days=170), today - timedelta(days=140))


def _reviewed(actor, call: Call, jst: Jst, seed: int, *, size: int, managers: int, points: int):
    """An application submitted, its e-mail confirmed, checked as complete (the operator
    checked the signed letter, so the coordinator acts for the JST), given points."""
    application = _submit(_apply(call, jst, seed, size=size, managers=managers))
    application = services.application_mark_complete(actor=actor, application=application)
    services.application_verify_coordinator(actor=actor, application=application)
    services.application_set_manual_points(actor=actor, application=application, points=points)


def _decide(actor, call: Call, quotas: list[dict], opens_on: date, closes_on: date) -> None:
    """Close the call, set its quotas, select and publish; then date it as it ran."""
    services.call_set_status(actor=actor, call=call, status=CallStatus.CLOSED)
    services.quotas_set(actor=actor, call=call, rows=quotas)
    run = services.selection_run(actor=actor, call=call)
    if run.feasible:
        services.selection_publish(actor=actor, call=call)
    Call.objects.filter(pk=call.pk).update(opens_on=opens_on, closes_on=closes_on)


PILOT_QUOTAS = [
    {"code": "total:jst", "label": "Wszystkie JST", "unit": "jst", "min": 30, "max": 30},
    {"code": "total:people", "label": "Wszyscy uczestnicy", "unit": "people", "min": 90, "max": 90},
    *(
        {
            "code": f"kind:{kind}",
            "label": label,
            "field": "kind",
            "values": [kind],
            "unit": "jst",
            "min": 8,
            "max": None,
        }
        for kind, label in [
            ("rural", "JST wiejskie"),
            ("urban", "JST miejskie"),
            ("county", "Powiaty"),
        ]
    ),
]


def _regional(national) -> None:
    slaskie = Voivodeship.objects.get(code="24")
    today = timezone.localdate()
    project = services.project_create(
        actor=national,
        name=REGIONAL,
        voivodeship=slaskie,
        target_jst=60,
        target_people=200,
        starts_on=today - timedelta(days=120),
        ends_on=today + timedelta(days=2 * 365),
    )
    operator = User.objects.get(email="slaskie@demo.example.org")
    _regional_first_call(operator, project, today)
    call = _open_call(
        operator, project, REGIONAL_CALL, today - timedelta(days=10), today + timedelta(days=20)
    )
    services.quotas_set(
        actor=operator,
        call=call,
        rows=[
            {"code": "total:jst", "label": "Wszystkie JST", "unit": "jst", "max": 20},
            {"code": "total:people", "label": "Wszyscy uczestnicy", "unit": "people", "max": 70},
            {
                "code": "kind:county",
                "label": "Powiaty",
                "field": "kind",
                "values": ["county"],
                "unit": "jst",
                "min": 3,
            },
        ],
    )
    coordinator = User.objects.filter(email="koordynator@demo.example.org").first()
    kozieglowy = _submit(
        _apply(call, Jst.objects.get(code=KOZIEGLOWY), 100, coordinator=coordinator, size=4)
    )
    services.application_mark_complete(actor=operator, application=kozieglowy)
    others = list(
        Jst.objects.filter(
            voivodeship=slaskie, code__in=["2402022", "2414011", "2403000", "2404013"]
        )
    )
    for seed, jst in enumerate(others, start=101):
        application = _apply(call, jst, seed)
        if seed == 101:
            continue  # a draft: the coordinator has not submitted yet
        application = _submit(application)
        if seed == 102:
            services.application_request_corrections(
                actor=operator,
                application=application,
                note="List intencyjny nie jest podpisany przez burmistrza; prosimy o skan "
                "z podpisem.",
            )
        elif seed == 103:
            services.application_mark_complete(actor=operator, application=application)


REGIONAL_QUOTAS = [
    {"code": "total:jst", "label": "Wszystkie JST", "unit": "jst", "min": 30, "max": 30},
    {
        "code": "kind:urban",
        "label": "JST miejskie",
        "field": "kind",
        "values": ["urban"],
        "unit": "jst",
        "min": 7,
    },
    {
        "code": "kind:county",
        "label": "Powiaty",
        "field": "kind",
        "values": ["county"],
        "unit": "jst",
        "min": 5,
    },
]


def _regional_units(voivodeship: Voivodeship) -> list[Jst]:
    """36 Śląskie JST spread over the region: 20 rural, 9 urban and 7 county-level, by code;
    none of those that apply to the second call and none that took part in the pilot."""
    jst = (
        Jst.objects.filter(voivodeship=voivodeship, active=True)
        .exclude(code__in=SECOND_CALL_JST)
        .exclude(enrolments__isnull=False)
    )
    groups = [
        (jst.filter(kind__in=[JstKind.RURAL_COMMUNE, JstKind.URBAN_RURAL_COMMUNE]), 20),
        (jst.filter(kind=JstKind.URBAN_COMMUNE), 9),
        (jst.filter(kind__in=COUNTY_LEVEL_KINDS), 7),
    ]
    units = []
    for queryset, count in groups:
        ordered = list(queryset.order_by("code"))
        units += ordered[:: max(1, len(ordered) // count)][:count]
    return units


def _regional_first_call(operator, project: Project, today: date) -> None:
    """Decided two months ago: 36 applications, 30 JST selected under the quotas, published."""
    call = _open_call(operator, project, REGIONAL_FIRST_CALL, today, today)
    for seed, jst in enumerate(_regional_units(project.voivodeship), start=200):
        size = 2 + (seed * 5) % 4  # 2 to 5 people
        points = (seed * 13) % 11
        _reviewed(operator, call, jst, seed, size=size, managers=1 + seed % 2, points=points)
    _decide(operator, call, REGIONAL_QUOTAS, today - timedelta(days=90), today - timedelta(days=60))
