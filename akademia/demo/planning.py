"""The seed's planning: the pilot's 30 enrolled JST planned and published.

Venues are the 16 voivodeship capitals (two rooms each; the pilot is national), three trainers
live in Katowice, Łódź and Warszawa; the planner runs here, synchronously, with a 20-second
limit (the platform stores its result, as in the worker), and the plan is published, so the
coordinators of the pilot's JST see their dates. The demo coordinator's Koziegłowy is not in
the pilot (it applies to the Śląskie project), so the demo shows the dates to the coordinator of
Będzin (PILOT_COORDINATOR), whose account gets the demo password.

The Śląskie project gets its venues (the county seats) and three trainers of the region, but
no plan: its regional operator runs the planner in the app, as the demo's walk-through shows.
A second run changes nothing.
"""

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.core.audit import SYSTEM
from akademia.demo.recruitment import PILOT, REGIONAL
from akademia.demo.users import DEMO_PASSWORD
from akademia.planning import selectors, services
from akademia.planning.models import Plan, PlanStatus
from akademia.recruitment.models import Project
from akademia.recruitment.selectors import enrolled_teams
from akademia.territory.models import Jst

PILOT_COORDINATOR = "koordynator@2401011.demo.example.org"  # Będzin, enrolled in the pilot
TRAINERS = [
    ("Maria Trenerska", "2469011", "trener@demo.example.org"),  # Katowice
    # Every trainer of the pilot has an account: which group the solver gives each one may
    # change (a tie), and a group's trainer marks its lists and reviews its tasks.
    ("Krzysztof Szkoleniowy", "1061011", "krzysztof.szkoleniowy@demo.example.org"),  # Łódź
    ("Agnieszka Warsztatowa", "1465011", "agnieszka.warsztatowa@demo.example.org"),  # Warszawa
]
REGIONAL_TRAINERS = [
    ("Maria Trenerska", "2469011", "trener@demo.example.org"),  # Katowice
    ("Tomasz Doradczy", "2464011", None),  # Częstochowa
    ("Ewa Moderatorska", "2461011", None),  # Bielsko-Biała
]
TIME_LIMIT = 20


def ensure_demo_planning() -> Plan | None:
    national = User.objects.filter(email="krajowy@demo.example.org").first()
    if national is None:
        return None
    pilot = Project.objects.filter(name=PILOT).first()
    published = _plan(pilot, national) if pilot and enrolled_teams(pilot) else None
    regional = Project.objects.filter(name=REGIONAL).first()
    if regional is not None:
        _prepare(regional, national, REGIONAL_TRAINERS)
    _coordinator_login()
    return published


def _prepare(project: Project, national, trainers) -> None:
    """Default venues (two rooms each) and the trainers, once."""
    services.venues_ensure_defaults(actor=national, project=project, max_groups=2)
    if project.trainers.exists():
        return
    for name, code, email in trainers:
        home = Jst.objects.get(code=code)
        services.trainer_save(
            actor=national,
            project=project,
            name=name,
            home_jst=home,
            user=_trainer_account(email, name, home) if email else None,
            max_days=40,
        )


def _trainer_account(email: str, name: str, home: Jst) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, role=Role.TRAINER)
        user.voivodeships.set([home.voivodeship])
    return user


def _plan(project: Project, national) -> Plan | None:
    done = Plan.objects.filter(project=project, status=PlanStatus.PUBLISHED).first()
    if done is not None:
        return done
    _prepare(project, national, TRAINERS)
    # The version of groups of 16-24 people, when the project's calls offer it.
    versions = selectors.project_versions(project).order_by("group_max", "pk")
    parameters = {"time_limit": TIME_LIMIT, "version": versions.first().pk}
    plan = services.plan_create(actor=national, project=project, parameters=parameters)
    plan = services.plan_solve(actor=SYSTEM, plan_id=plan.pk)
    if plan.can_publish:
        plan = services.plan_publish(actor=national, plan=plan)
    return plan


def _coordinator_login() -> None:
    """Let the pilot coordinator of Będzin sign in with the demo password."""
    user = User.objects.filter(email=PILOT_COORDINATOR).first()
    if user is not None and not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
