"""Reads of recruitment, scoped by the permission layer (`visible`, by each model's `scope`).

Projects and calls reach a voivodeship through `project.voivodeship`; the pilot has none, so
only national operators see it. Applications are scoped by the project's
voivodeship (operators) and by their JST (the JST's verified coordinator); a coordinator whom no
operator has verified yet sees only the applications they confirmed themselves.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from akademia.accounts.permissions import get_or_404, visible
from akademia.core import audit
from akademia.core.collation import polish, polish_alphabet_key
from akademia.recruitment import eligibility, selection
from akademia.recruitment.models import (
    Application,
    ApplicationStatus,
    Call,
    CallQuota,
    CallStatus,
    Enrolment,
    Profile,
    Project,
    QuotaField,
    SelectionRun,
)
from akademia.territory.kinds import ExchangeGroupKind, exchange_group_of, kinds_in_exchange_group
from akademia.territory.models import County, Voivodeship


def project_list_for(user) -> QuerySet[Project]:
    projects = Project.objects.select_related("voivodeship").annotate(
        call_count=Count("calls", distinct=True)
    )
    return visible(projects, user)


def project_get_for(user, pk: int) -> Project:
    return get_or_404(project_list_for(user), pk=pk)


def call_list_for(user, project: Project | None = None) -> QuerySet[Call]:
    calls = Call.objects.select_related("project", "project__voivodeship")
    if project is not None:
        calls = calls.filter(project=project)
    return visible(calls, user)


def call_get_for(user, pk: int) -> Call:
    calls = call_list_for(user).prefetch_related("versions", "criteria", "quotas", "voivodeships")
    return get_or_404(calls, pk=pk)


def open_calls() -> QuerySet[Call]:
    """Public: the calls that accept applications today."""
    today = timezone.localdate()
    return (
        Call.objects.filter(status=CallStatus.OPEN, opens_on__lte=today, closes_on__gte=today)
        .select_related("project", "project__voivodeship")
        .prefetch_related("versions", "voivodeships")
    )


def open_call_get(pk: int) -> Call:
    return get_or_404(open_calls(), pk=pk)


# Where a JST stands towards the open calls ---------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Where the user's JST stands towards an open call: whether it may apply (and if not,
    why), whether it has already applied, and that application when the user sees it."""

    call: Call
    problem: str | None = None
    applied: bool = False
    application: Application | None = None

    @property
    def may_apply(self) -> bool:
        return self.problem is None and not self.applied


def calls_open_to(user) -> list[Standing]:
    """Every open call with where the user's JST stands (none for a user without a JST)."""
    if not getattr(user, "jst_id", None):
        return []
    return _standings(user, list(open_calls()))


def call_open_to(user, call: Call) -> Standing | None:
    """Where the user's JST stands towards one open call (None for a user without a JST)."""
    if not getattr(user, "jst_id", None):
        return None
    return _standings(user, [call])[0]


def _standings(user, calls: list[Call]) -> list[Standing]:
    """Three queries for any number of calls. Whether the JST took part or already applied is
    read whatever the user's scope: the service refuses such an application to anyone, so the
    page says it first; the application itself is shown only when the user sees it."""
    jst = user.jst
    enrolled_in = set(Enrolment.objects.filter(jst=jst).values_list("project_id", flat=True))
    active = Application.objects.filter(jst=jst, call__in=calls).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    applied = set(active.values_list("call_id", flat=True))
    seen = {a.call_id: a for a in visible(active, user)}
    return [
        Standing(
            call=call,
            problem=eligibility.problem(
                call,
                jst,
                voivodeship_ids={v.pk for v in call.voivodeships.all()},
                enrolled_in=enrolled_in,
            ),
            applied=call.pk in applied,
            application=seen.get(call.pk),
        )
        for call in calls
    ]


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "call",
        "call__project",
        "jst",
        "jst__county",
        "jst__voivodeship",
        "jst__commune",
        "coordinator",
        "override_by",
    ).prefetch_related("team")


def application_list_for(
    user, *, call: Call | None = None, status: str = "", kind: str = "", county: str = ""
) -> QuerySet[Application]:
    applications = _applications()
    if call is not None:
        applications = applications.filter(call=call)
    if status:
        applications = applications.filter(status=status)
    if kind:
        applications = applications.filter(jst__kind__in=kinds_in_exchange_group(kind))
    if county:
        applications = applications.filter(jst__county__code=county)
    return visible(applications, user)


def application_get_for(user, pk: int) -> Application:
    return get_or_404(application_list_for(user), pk=pk)


def application_by_token(token) -> Application:
    """Public, by the secret link the coordinator received (pretix-style order secret)."""
    return get_or_404(_applications(), token=token)


def counties_of(call: Call, user) -> list[tuple[str, str]]:
    """(code, name) of the counties the call's applications come from, for the filter."""
    rows = (
        application_list_for(user, call=call)
        .exclude(jst__county__isnull=True)
        .values_list("jst__county__code", "jst__county__name")
        .distinct()
        .order_by()
    )
    return sorted(set(rows), key=lambda row: polish_alphabet_key(row[1]))


def status_counts(call: Call, user) -> dict[str, int]:
    rows = (
        application_list_for(user, call=call)
        .order_by()
        .values("status")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["status"]: row["n"] for row in rows}


def map_points(applications) -> list[dict]:
    """Markers at each JST's inner point; units without a position are left out."""
    points = []
    for application in applications:
        place = application.jst.place
        if place.inner_lat is None or place.inner_lon is None:
            continue
        points.append(
            {
                "lat": place.inner_lat,
                "lon": place.inner_lon,
                "name": application.jst.name,
                "status": application.get_status_display(),
                "url": reverse("recruitment:application-detail", args=[application.pk]),
            }
        )
    return points


def latest_run(call: Call) -> SelectionRun | None:
    return call.runs.order_by("-created_at", "-pk").first()


def enrolled_teams(project: Project) -> list[dict]:
    """Per enrolled JST of a project: {jst, people, managers} - what the planner reads."""
    rows = (
        Enrolment.objects.filter(project=project, withdrawn_at__isnull=True)
        .values("jst")
        .annotate(people=Count("pk"), managers=Count("pk", filter=Q(profile="management")))
        .order_by("jst")
    )
    from akademia.territory.models import Jst

    # With their division units (for the map point), without the boundaries' text.
    units = (
        Jst.objects.select_related("commune", "county", "voivodeship")
        .defer("commune__boundary", "county__boundary", "voivodeship__boundary")
        .in_bulk([row["jst"] for row in rows])
    )
    return [
        {"jst": units[row["jst"]], "people": row["people"], "managers": row["managers"]}
        for row in rows
    ]


def own_applications(user) -> QuerySet[Application]:
    """A JST coordinator's applications (their JST's), newest first."""
    return application_list_for(user).order_by("-created_at")


# The home page ------------------------------------------------------------------------------

# Applications that count towards a call's quotas on the home page: sent, and not withdrawn.
NOT_RECEIVED = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


@dataclass(frozen=True)
class QuotaFill:
    """How far the applications received fill one quota of a call."""

    quota: CallQuota
    amount: int

    @property
    def short(self) -> bool:
        return self.quota.min is not None and self.amount < self.quota.min

    @property
    def bounds(self) -> str:
        low, high = self.quota.min, self.quota.max
        if low is not None and high is not None:
            return f"{low}–{high}"
        return f"≥ {low}" if low is not None else f"≤ {high}"


def _fill(quota: CallQuota, rows: list[dict]) -> QuotaFill:
    """The optimiser's own test (`selection.Quota.applies_to`) decides which rows count."""
    rule = selection.Quota(
        code=quota.code,
        field=quota.field or None,
        values=quota.values,
        unit=quota.unit,
        min=quota.min,
        max=quota.max,
    )
    amount = 0
    for row in rows:
        member = selection.Application(
            id="",
            score=0,
            people=row["people"],
            managers=row["managers"],
            kind=exchange_group_of(row["jst__kind"]),
            county=row["jst__county__code"] or "",
            voivodeship=row["jst__voivodeship__code"] or "",
        )
        if rule.applies_to(member):
            amount += row["n"] if quota.unit == "jst" else row[quota.unit]
    return QuotaFill(quota, amount)


def home_calls(user) -> dict:
    """The calls an operator works on (not yet published), each with its applications by
    status and how far those received fill its quotas. Three queries, whatever the number of
    calls or applications."""
    calls = list(
        call_list_for(user)
        .exclude(status=CallStatus.PUBLISHED)
        .prefetch_related("quotas")
        .order_by("closes_on", "pk")
    )
    rows = (
        visible(Application.objects.filter(call__in=calls), user)
        .order_by()
        .values("call_id", "status", "jst__kind", "jst__county__code", "jst__voivodeship__code")
        .annotate(
            n=Count("pk", distinct=True),
            people=Count("team", distinct=True),
            managers=Count("team", filter=Q(team__profile=Profile.MANAGEMENT), distinct=True),
        )
    )
    by_call = defaultdict(list)
    for row in rows:
        by_call[row["call_id"]].append(row)
    for call in calls:
        counts = defaultdict(int)
        for row in by_call[call.pk]:
            counts[row["status"]] += row["n"]
        received = [row for row in by_call[call.pk] if row["status"] not in NOT_RECEIVED]
        call.drafts = counts[ApplicationStatus.DRAFT]
        call.waiting = counts[ApplicationStatus.SUBMITTED]
        call.received = sum(row["n"] for row in received)
        call.fills = [_fill(quota, received) for quota in call.quotas.all()]
    return {
        "calls": calls,
        "open": sum(1 for call in calls if call.status == CallStatus.OPEN),
        "waiting": sum(call.waiting for call in calls),
    }


def home_applications(user) -> dict:
    """A JST coordinator's applications by what they still have to do, and the open calls
    with where their JST stands. Five queries."""
    rows = (
        visible(Application.objects.all(), user)
        .order_by()
        .values("status")
        .annotate(
            n=Count("pk", distinct=True),
            no_data=Count("pk", filter=Q(monitoring_completed_at__isnull=True), distinct=True),
        )
    )
    counts = {row["status"]: row for row in rows}

    def count(status, key="n"):
        return counts.get(status, {}).get(key, 0)

    standings = calls_open_to(user)
    return {
        "total": sum(row["n"] for row in counts.values()),
        "drafts": count(ApplicationStatus.DRAFT),
        "corrections": count(ApplicationStatus.CORRECTIONS),
        "participants_data": count(ApplicationStatus.SELECTED, "no_data"),
        "standings": standings,
        "may_apply": sum(1 for standing in standings if standing.may_apply),
    }


def is_active(application: Application) -> bool:
    return application.status != ApplicationStatus.WITHDRAWN


def edit_history(target: Project | Call, labels: dict[str, str]) -> list[dict]:
    """The audit trail of a project or a call, newest first; each entry with the `labels` of
    the fields it changed (an entry without changes, e.g. "created", lists none)."""
    return [
        {
            "entry": entry,
            "fields": [str(labels.get(name, name)) for name in entry.data.get("changes", {})],
        }
        for entry in audit.trail(target)
    ]


# Quotas: what a quota may count and how its group is named ------------------------------

#: A quota on a kind counts the JST of one exchange group, named as a person would.
KIND_GROUPS = {
    ExchangeGroupKind.RURAL: gettext_lazy("rural JST"),
    ExchangeGroupKind.URBAN: gettext_lazy("urban JST"),
    ExchangeGroupKind.COUNTY: gettext_lazy("county and voivodeship JST"),
}


def quota_place_names(rows) -> dict[str, dict[str, str]]:
    """{"voivodeship": {code: name}, "county": {code: name}} of the places quota rows name
    (the county with its voivodeship: several voivodeships have a powiat brzeski)."""
    wanted = {QuotaField.VOIVODESHIP: set(), QuotaField.COUNTY: set()}
    for row in rows:
        if row.get("field") in wanted:
            wanted[row["field"]] |= {str(v) for v in row.get("values") or ()}
    voivodeships = Voivodeship.objects.filter(code__in=wanted[QuotaField.VOIVODESHIP])
    counties = County.objects.filter(code__in=wanted[QuotaField.COUNTY]).select_related(
        "voivodeship"
    )
    return {
        "voivodeship": {v.code: v.name for v in voivodeships},
        "county": {c.code: f"{c} ({c.voivodeship.name})" for c in counties},
    }


def quota_group_label(field: str, values, names: dict | None = None) -> str:
    """The applications a quota counts, in words: "all applications", "rural JST",
    "voivodeship śląskie", "county myszkowski (śląskie)"."""
    names = names or {}
    if not field:
        return str(QuotaField.TOTAL.label)
    if field == QuotaField.KIND:
        return ", ".join(str(KIND_GROUPS.get(v, v)) for v in values)
    if field == QuotaField.VOIVODESHIP:
        return ", ".join(
            gettext("voivodeship %(name)s") % {"name": names.get("voivodeship", {}).get(v, v)}
            for v in values
        )
    return ", ".join(names.get("county", {}).get(str(v), str(v)) for v in values)


def quota_rows(call: Call) -> list[dict]:
    """The call's quotas for its page: label, the group in words, unit, bounds."""
    quotas = list(call.quotas.all())
    rows = [{"field": q.field, "values": q.values} for q in quotas]
    names = quota_place_names(rows)
    return [
        {
            "label": q.label or quota_group_label(q.field, q.values, names),
            "group": quota_group_label(q.field, q.values, names),
            "unit": q.get_unit_display(),
            "min": q.min,
            "max": q.max,
        }
        for q in quotas
    ]


def quota_target_choices(call: Call) -> list:
    """What a quota may count, as grouped choices for a select: all applications, a kind, a
    voivodeship, a county (of the call's voivodeships when it names some), in Polish order.
    The values ("kind:rural", "county:2409") are the quota editor's and never shown."""
    voivodeships = Voivodeship.objects.filter(active=True)
    if call.project.voivodeship_id:
        voivodeships = voivodeships.filter(pk=call.project.voivodeship_id)
    elif call.voivodeships.exists():
        voivodeships = voivodeships.filter(pk__in=call.voivodeships.all())
    counties = County.objects.filter(active=True, voivodeship__in=voivodeships).select_related(
        "voivodeship"
    )
    county_choices = sorted(
        ((f"county:{c.code}", f"{c} ({c.voivodeship.name})") for c in counties),
        key=lambda choice: polish_alphabet_key(choice[1]),
    )
    return [
        ("", capfirst(QuotaField.TOTAL.label)),
        (
            capfirst(QuotaField.KIND.label),
            [(f"kind:{kind}", capfirst(label)) for kind, label in KIND_GROUPS.items()],
        ),
        (
            capfirst(QuotaField.VOIVODESHIP.label),
            [(f"voivodeship:{v.code}", v.name) for v in voivodeships.order_by(polish("name"))],
        ),
        (capfirst(QuotaField.COUNTY.label), county_choices),
    ]
