"""The seed's advisory support: the demo trainer advises Będzin in the pilot (whose coordinator
has the demo password): a visit confirmed by the coordinator, a remote session waiting for
confirmation, a visit planned in two weeks. In the Śląskie project the same trainer is assigned
to its first enrolled JST, so the regional operator sees advisory too.

A certificate needs the advisory hours of the person's JST confirmed (`delivery.completion`),
so every JST of the pilot's finished group (Będzin among them) had visits at its office over
the months of the training, each confirmed by its coordinator, until the hours due were used:
its people's certificates are then issued (`demo.certificates`, which runs after this). A
second run changes nothing.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Max, Min, Q, Sum
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.selectors import coordinators_of_jsts
from akademia.delivery import services
from akademia.delivery.models import AdvisoryAssignment, AdvisoryStatus
from akademia.delivery.selectors import advisor_works_in, advisory_due, advisory_jsts
from akademia.demo.planning import PILOT_COORDINATOR
from akademia.demo.recruitment import PILOT, REGIONAL
from akademia.recruitment.models import Project
from akademia.territory.models import Jst

ADVISOR = "trener@demo.example.org"
BEDZIN = "2401011"


def ensure_demo_advisory() -> AdvisoryAssignment | None:
    national = User.objects.filter(email="krajowy@demo.example.org").first()
    advisor = User.objects.filter(email=ADVISOR).first()
    pilot = Project.objects.filter(name=PILOT).first()
    if not (national and advisor and pilot) or not advisory_due(pilot)[0]:
        return None
    bedzin = Jst.objects.get(code=BEDZIN)
    assignment = _assign(national, pilot, bedzin, advisor)
    if assignment is not None and not assignment.sessions.exists():
        _entries(assignment, advisor)
    _finished_group_used(national, advisor, pilot)
    regional = Project.objects.filter(name=REGIONAL).first()
    first = advisory_jsts(regional).first() if regional else None
    if first is not None and advisory_due(regional)[0]:
        _assign(national, regional, first, advisor)
    return assignment


def _assign(national, project, jst, advisor) -> AdvisoryAssignment | None:
    if not advisory_jsts(project).filter(pk=jst.pk).exists():
        return None
    existing = AdvisoryAssignment.objects.filter(project=project, jst=jst).first()
    if existing is not None:
        return existing
    return services.advisory_assign(actor=national, project=project, jst=jst, advisor=advisor)


def _entries(assignment, advisor) -> None:
    today = timezone.localdate()
    visit = services.advisory_log(
        actor=advisor,
        assignment=assignment,
        details=services.AdvisoryDetails(
            date=today - timedelta(days=20),
            hours=Decimal("2"),
            mode="office",
            topic="Diagnoza potrzeb urzędu",
            done="Rozmowa z sekretarzem i skarbnikiem; przegląd procedury budżetowej.",
            next_steps="Urząd przygotuje listę zadań inwestycyjnych na kolejną wizytę.",
        ),
    )
    coordinator = User.objects.filter(email=PILOT_COORDINATOR).first()
    if coordinator is not None and coordinator.jst_id == assignment.jst_id:
        services.advisory_confirm(actor=coordinator, session=visit)
    services.advisory_log(
        actor=advisor,
        assignment=assignment,
        details=services.AdvisoryDetails(
            date=today - timedelta(days=3),
            hours=Decimal("1.5"),
            mode="remote",
            topic="Wskaźniki wieloletniej prognozy finansowej",
            done="Omówienie wskaźników i wzoru uzasadnienia uchwały.",
            next_steps="Zespół uzupełni wskaźniki do końca miesiąca.",
        ),
    )
    services.advisory_plan(
        actor=advisor,
        assignment=assignment,
        details=services.AdvisoryDetails(
            date=today + timedelta(days=14),
            hours=Decimal("2"),
            mode="office",
            topic="Lista zadań inwestycyjnych",
        ),
    )


# Visits of the finished group's JST, one a month from its first meeting (4 hours at most).
VISITS = [
    "Procedura uchwalania budżetu",
    "Wieloletnia prognoza finansowa",
    "Plan zamówień publicznych",
    "Kontrola zarządcza w urzędzie",
    "Sprawozdawczość budżetowa",
]


def _finished_group_used(national, advisor, pilot) -> None:
    """Every JST of the pilot's finished groups gets the demo advisor and office visits, each
    confirmed by the JST's coordinator, until its confirmed hours reach those due."""
    due = advisory_due(pilot)[0]
    today = timezone.localdate()
    groups = pilot.training_groups.filter(active=True).annotate(
        first=Min("meetings__start_date"), last=Max("meetings__end_date")
    )
    for group in groups.filter(last__lt=today).order_by("code"):
        jsts = list(group.teams.order_by("code"))
        coordinators = {user.jst_id: user for user in coordinators_of_jsts(jsts)}
        for index, jst in enumerate(jsts):
            coordinator = coordinators.get(jst.pk)
            if coordinator is None or not advisor_works_in(advisor, jst.voivodeship_id):
                continue
            assignment = _assign(national, pilot, jst, advisor)
            if assignment is not None:
                _visits(assignment, advisor, coordinator, due, group.first, index)


def _visits(assignment, advisor, coordinator, due, first, index) -> None:
    confirmed = assignment.sessions.aggregate(
        total=Sum("hours", filter=Q(status=AdvisoryStatus.CONFIRMED))
    )["total"] or Decimal(0)
    for number, topic in enumerate(VISITS):
        if confirmed >= due:
            return
        hours = min(Decimal(4), due - confirmed)
        session = services.advisory_log(
            actor=advisor,
            assignment=assignment,
            details=services.AdvisoryDetails(
                # A day of its own for each JST, so that the advisor's days stay short.
                date=first + timedelta(days=10 + 21 * number + index),
                hours=hours,
                mode="office",
                topic=topic,
                done="Warsztat z zespołem urzędu; omówienie dokumentów i dalszych kroków.",
                next_steps="Zespół wdroży ustalenia przed kolejnym zjazdem.",
            ),
        )
        services.advisory_confirm(actor=coordinator, session=session)
        confirmed += hours
