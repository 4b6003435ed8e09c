"""The national dataset: the programme at the scale of the story, for benchmarks (issue #12).

16 regional projects (one per voivodeship), each with one call; about 1000 JST apply with teams
of 2 to 5 people (about 3300 people), are reviewed, selected under quotas and enrolled; each
project's plan is solved and published; a national consultation round of about 2000 comments
over the three exchange groups has blocks confirmed and about half of them decided.

Everything goes through the services, exactly as people would do it in the app (the same
writes, checks and audit entries), so the data is what the services produce; no bulk path
skips them. It is seeded: the same seed and sizes give the same JST, people and comments.
A run into a database that already holds the national projects does nothing.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.consultations import services as consultations
from akademia.consultations.models import AuthorKind, Block, DecisionState, Source
from akademia.consultations.nlp.datasets import starter_examples
from akademia.core.audit import SYSTEM
from akademia.demo.national_delivery import DOMAIN, DeliverySummary, deliver
from akademia.demo.recruitment import ANSWERS, QUESTIONS, _letter, _person
from akademia.demo.targets import national_targets, project_targets
from akademia.demo.users import DEMO_PASSWORD
from akademia.planning import selectors as planning_selectors
from akademia.planning import services as planning
from akademia.programmes import services as programmes
from akademia.programmes.models import ProgrammeVersion, VersionStatus
from akademia.recruitment import services as recruitment
from akademia.recruitment.models import CallStatus, Project
from akademia.recruitment.services import ApplicationData
from akademia.reporting.models import Target
from akademia.territory.models import Jst, Voivodeship

PROJECT = "Akademia Samorządowa (skala krajowa): %s"
KINDS = ["rural", "urban", "county"]
SELECTED_SHARE = 0.9  # about nine in ten complete applications get a place
PLAN_SECONDS = 5
MODULES = ["Diagnoza", "Strategia", "Finansowanie", "Partycypacja", "Monitorowanie"]
TEAMS_PER_TRAINER = 20  # applications per trainer of a project (at least three trainers)


@dataclass
class NationalSummary:
    projects: int = 0
    applications: int = 0
    people: int = 0
    enrolled_people: int = 0
    plans_published: int = 0
    comments: int = 0
    decisions: int = 0
    delivery: DeliverySummary | None = None


def load_national(
    *,
    jst: int = 1000,
    comments: int = 2000,
    seed: int = 2017,
    voivodeships=None,
    delivery: bool = True,
    log=print,
) -> NationalSummary:
    """Build the dataset; `jst` applications in all (spread by the number of JST in each
    voivodeship), `comments` in the consultation round. `voivodeships` (TERYT codes) limits it
    to some regions, for tests. `delivery`: then run the training up to today
    (`demo.national_delivery`: attendance, tasks, advisory, certificates)."""
    rng = random.Random(seed)
    summary = NationalSummary()
    national = _user("krajowy", Role.NATIONAL_OPERATOR)
    expert = _user("ekspert", Role.EXPERT)
    version = _version(expert, national)
    regions = Voivodeship.objects.filter(active=True).order_by("code")
    if voivodeships:
        regions = regions.filter(code__in=voivodeships)
    regions = list(regions)
    shares = _shares(regions, jst)
    for region in regions:
        if Project.objects.filter(name=PROJECT % region.name).exists():
            continue
        log(f"{region.name}: {shares[region.code]} applications")
        _region(summary, rng, national, version, region, shares[region.code])
    if not Target.objects.filter(project__isnull=True).exists():
        today = timezone.localdate()
        national_targets(national, today, today + timedelta(days=2 * 365))
    if delivery:
        projects = Project.objects.filter(name__in=[PROJECT % r.name for r in regions])
        summary.delivery = deliver(
            projects.select_related("voivodeship").order_by("name"),
            national=national,
            rng=random.Random(seed),
            log=log,
        )
    if comments:
        _consultation(summary, rng, national, expert, comments)
    _analyze()
    return summary


def _analyze() -> None:
    """Fresh planner statistics after the bulk of writes (what autovacuum would do a little
    later), so that the benchmarks right after a build measure the plans of a settled database."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _user(name: str, role: str, voivodeship: Voivodeship | None = None) -> User:
    email = f"{name}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name.title(), role=role)
        if voivodeship is not None:
            user.voivodeships.set([voivodeship])
    return user


def _version(expert, national) -> ProgrammeVersion:
    """An approved programme version to offer: the demo's when there is one, else a new one."""
    version = ProgrammeVersion.objects.filter(status=VersionStatus.APPROVED_FOR_PILOT).first()
    return version or _programme(expert, national, VersionStatus.APPROVED_FOR_PILOT)


def _shares(regions, total: int) -> dict[str, int]:
    """Applications per voivodeship in proportion to its active JST (at least 4)."""
    counts = {r.code: Jst.objects.filter(voivodeship=r, active=True).count() for r in regions}
    whole = sum(counts.values()) or 1
    return {code: max(4, round(total * n / whole)) for code, n in counts.items()}


def _region(summary, rng, national, version, region, applications: int) -> None:
    operator = _user(f"operator.{region.code}", Role.REGIONAL_OPERATOR, region)
    today = timezone.localdate()
    project = recruitment.project_create(
        actor=national,
        name=PROJECT % region.name,
        voivodeship=region,
        target_jst=applications,
        target_people=applications * 3,
        starts_on=today,
        ends_on=today + timedelta(days=2 * 365),
    )
    summary.projects += 1
    project_targets(national, project, jst=applications, people=applications * 3)
    call = recruitment.call_create(
        actor=operator,
        project=project,
        title=f"Nabór JST: {region.name}",
        versions=[version],
        opens_on=today,
        closes_on=today + timedelta(days=30),
        kinds=KINDS,
        questions=QUESTIONS,
    )
    call = recruitment.call_set_status(actor=operator, call=call, status=CallStatus.OPEN)
    # JST that took part before (the demo's pilot) may not apply again.
    fresh = Jst.objects.filter(voivodeship=region, active=True, enrolments__isnull=True)
    units = list(fresh.order_by("code"))
    for unit in rng.sample(units, min(applications, len(units))):
        summary.people += _apply(rng, operator, call, unit)
        summary.applications += 1
    recruitment.call_set_status(actor=operator, call=call, status=CallStatus.CLOSED)
    places = max(1, round(SELECTED_SHARE * call.applications.count()))
    recruitment.quotas_set(
        actor=operator,
        call=call,
        rows=[{"code": "total:jst", "label": "Wszystkie JST", "unit": "jst", "max": places}],
    )
    run = recruitment.selection_run(actor=operator, call=call)
    if run.feasible:
        recruitment.selection_publish(actor=operator, call=call)
    summary.enrolled_people += project.enrolments.filter(withdrawn_at__isnull=True).count()
    if _plan(operator, project, applications):
        summary.plans_published += 1


def _apply(rng, operator, call, unit: Jst) -> int:
    """One JST's application, submitted, confirmed, checked complete and its coordinator
    verified against the letter; returns the team's size."""
    size = rng.choice([2, 3, 3, 3, 4, 4, 5])
    base = rng.randrange(10**6)
    team = []
    for i in range(size):
        name, local = _person(base + i)
        manager = i == 0 or (i == 1 and rng.random() < 0.3)
        team.append(
            {
                "full_name": name,
                "email": f"{local}.{i}@{unit.code}.{DOMAIN}",
                "position": "sekretarz gminy" if manager else "inspektor",
                "profile": "management" if manager else "operational",
            }
        )
    name, local = _person(base + 99)
    data = ApplicationData(
        jst=unit,
        coordinator_name=name,
        coordinator_email=f"koordynator@{unit.code}.{DOMAIN}",
        team=team,
        answers=ANSWERS,
        consent=True,
        letter=_letter(),
    )
    application = recruitment.application_save(actor=operator, call=call, data=data)
    recruitment.application_submit(actor=operator, application=application)
    recruitment.application_confirm_email(actor=operator, application=application)
    application.refresh_from_db()
    application = recruitment.application_mark_complete(actor=operator, application=application)
    recruitment.application_verify_coordinator(actor=operator, application=application)
    return size


def _plan(operator, project, applications: int) -> bool:
    planning.venues_ensure_defaults(actor=operator, project=project, max_groups=2)
    seats = list(project.venues.filter(active=True).order_by("pk")[:3])
    # Enough trainers for the region's meeting-days (three were too few for the largest two).
    count = max(3, math.ceil(applications / TEAMS_PER_TRAINER))
    for index in range(count if seats else 0):
        venue = seats[index % len(seats)]
        planning.trainer_save(
            actor=operator,
            project=project,
            name=f"Trener {index + 1} ({project.voivodeship.name})",
            lat=venue.lat,
            lon=venue.lon,
            max_days=60,
        )
    versions = planning_selectors.project_versions(project).order_by("group_max", "pk")
    parameters = {"time_limit": PLAN_SECONDS, "version": versions.first().pk}
    plan = planning.plan_create(actor=operator, project=project, parameters=parameters)
    plan = planning.plan_solve(actor=SYSTEM, plan_id=plan.pk)  # as the worker does
    if not plan.can_publish:
        return False
    planning.plan_publish(actor=operator, plan=plan)
    return True


def _programme(expert, national, status: str) -> ProgrammeVersion:
    draft = programmes.programme_create(
        actor=expert,
        title=f"Zarządzanie rozwojem lokalnym ({VersionStatus(status).label})",
        goal="Lepsze planowanie rozwoju lokalnego",
        target_kinds=KINDS,
    )
    # Without the demo's programmes (the tests): five modules, each with its task between
    # meetings, and advisory hours, so that delivery has everything to record.
    modules = [
        {
            "title": title,
            "hours": 8,
            "methods": ["lecture"],
            "learning_outcomes": "",
            "intersession_task": f"Zadanie w urzędzie po module „{title}”.",
        }
        for title in MODULES
    ]
    draft = programmes.version_update(
        actor=expert, version=draft, fields={"advisory_hours": 8}, modules=modules
    )
    return programmes.version_set_status(actor=national, version=draft, status=status)


def _consultation(summary, rng, national, expert, count: int) -> None:
    """A round on a version in consultation: three exchange groups, `count` comments written
    from the starter examples with varied endings, blocks confirmed for a third, decisions
    for half."""
    version = _programme(expert, national, VersionStatus.IN_CONSULTATION)
    consultation = consultations.round_create(
        actor=national, version=version, title="Konsultacje w skali krajowej"
    )
    places = {"rural": "2409023", "urban": "1002011", "county": "2602000"}
    meetings = []
    for index, (kind, code) in enumerate(places.items()):
        start = date(2017, 1, 12) + timedelta(days=7 * index)
        meeting = consultations.meeting_add(
            actor=national,
            consultation=consultation,
            kind=kind,
            place=Jst.objects.get(code=code),
            start_date=start,
            end_date=start + timedelta(days=1),
        )
        consultations.participant_add(actor=national, meeting=meeting, jst=meeting.place)
        meetings.append(meeting)
    examples = starter_examples()
    endings = ["", " Prosimy o zmianę.", " To ważne dla małych gmin.", " Tak było w pilotażu."]
    rows = []
    for n in range(count):
        text, _block = examples[rng.randrange(len(examples))]
        rows.append(
            {
                "text": f"{text}{rng.choice(endings)} (uwaga {n + 1})",
                "meeting": meetings[n % 3],
                "author_kind": AuthorKind.GROUP,
            }
        )
    created = []
    for start in range(0, len(rows), 500):
        created += consultations.comments_add(
            actor=national,
            consultation=consultation,
            rows=rows[start : start + 500],
            source=Source.OPERATOR,
        )
    summary.comments += len(created)
    blocks = {b.code: b for b in Block.objects.all()}
    for comment in created[::3]:
        block = comment.suggested_block or blocks["methods"]
        consultations.block_set(actor=national, comment=comment, block=block)
    states = list(DecisionState.objects.filter(changes_programme=False))
    for comment in created[::2]:
        consultations.decision_record(
            actor=national,
            comment=comment,
            state=rng.choice(states),
            rationale="Autorzy omówili uwagę z Grupą Wymiany Doświadczeń.",
        )
        summary.decisions += 1
