"""Reads of the API: each resource's rows come from its app's selector, or through
`accounts.permissions.visible` where the app has no list of that kind, so the API sees exactly
what the web views of the same person see (one permission layer, no copy of it).

Each `<resource>_for(user)` is a queryset with what its serializer reads already joined or
prefetched: a page costs the same few queries whatever its length or the data's size.
"""

from django.db.models import Count, Prefetch, QuerySet

from akademia.accounts.permissions import get_or_404, visible
from akademia.api.models import ApiToken
from akademia.consultations import selectors as consultations
from akademia.consultations.models import Comment, Decision
from akademia.planning.models import Meeting, TrainingGroup
from akademia.programmes import selectors as programmes
from akademia.programmes.models import Module
from akademia.recruitment import selectors as recruitment
from akademia.recruitment.models import Application, ApplicationStatus, Enrolment

# Tokens -----------------------------------------------------------------------------------


def token_list_for(user) -> QuerySet[ApiToken]:
    """The person's own tokens (never another's: not even a national operator lists those)."""
    return visible(ApiToken.objects.filter(user_id=user.pk), user)


def token_get_for(user, pk: int) -> ApiToken:
    return get_or_404(token_list_for(user), pk=pk)


def token_by_prefix(prefix: str) -> ApiToken | None:
    """The token a request's key names (authentication checks its hash and owner)."""
    return ApiToken.objects.select_related("user").filter(prefix=prefix).first()


# Programmes -------------------------------------------------------------------------------


def programme_list_for(user) -> QuerySet:
    return programmes.programme_list_for(user).prefetch_related(None).order_by("pk")


def programme_versions_of(user, programme_ids) -> dict[int, list[int]]:
    """The version ids of each programme the user sees: one query for a page of programmes."""
    rows = programmes.version_list_for(user).filter(programme_id__in=programme_ids)
    result: dict[int, list[int]] = {}
    for programme_id, pk in rows.order_by("programme_id", "number").values_list(
        "programme_id", "pk"
    ):
        result.setdefault(programme_id, []).append(pk)
    return result


def version_list_for(user) -> QuerySet:
    modules = Prefetch("modules", queryset=Module.objects.order_by("order"))
    return programmes.version_list_for(user).prefetch_related(modules).order_by("pk")


# Consultations ----------------------------------------------------------------------------


def round_list_for(user) -> QuerySet:
    return consultations.round_list_for(user).order_by("pk")


def comment_list_for(user) -> QuerySet:
    """Every comment the user sees, of every round they see (the round page's list, across
    rounds), with its author as the web shows it and its decision."""
    comments = Comment.objects.select_related(
        "meeting", "meeting__place", "author_jst", "block", "target_module"
    ).select_related("decision", "decision__state")
    return visible(comments, user).order_by("pk")


def decision_list_for(user) -> QuerySet:
    decisions = Decision.objects.select_related("comment", "state")
    return visible(decisions, user).order_by("pk")


# Recruitment ------------------------------------------------------------------------------


def project_list_for(user) -> QuerySet:
    return recruitment.project_list_for(user).order_by("pk")


def call_list_for(user) -> QuerySet:
    return recruitment.call_list_for(user).order_by("pk")


def _by_status(rows, key: str) -> dict[int, dict[str, int]]:
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = result.setdefault(row[key], dict.fromkeys(ApplicationStatus.values, 0))
        counts[row["status"]] = row["n"]
    return result


def call_figures(user, call_ids) -> dict[int, dict]:
    """Per call: the applications the user sees by status, and the people in their teams
    (withdrawn applications aside). Two queries for a page of calls."""
    applications = visible(Application.objects.filter(call_id__in=call_ids), user)
    statuses = _by_status(
        applications.order_by().values("call_id", "status").annotate(n=Count("pk", distinct=True)),
        "call_id",
    )
    people = (
        applications.exclude(status=ApplicationStatus.WITHDRAWN)
        .order_by()
        .values("call_id")
        .annotate(n=Count("team", distinct=True))
    )
    team = {row["call_id"]: row["n"] for row in people}
    empty = dict.fromkeys(ApplicationStatus.values, 0)
    return {
        pk: {"applications": statuses.get(pk, empty), "people_applied": team.get(pk, 0)}
        for pk in call_ids
    }


def project_figures(user, project_ids) -> dict[int, dict]:
    """Per project: the JST and the people enrolled (not withdrawn). One query for a page."""
    enrolments = visible(
        Enrolment.objects.filter(project_id__in=project_ids, withdrawn_at__isnull=True), user
    )
    rows = (
        enrolments.order_by()
        .values("project_id")
        .annotate(jst=Count("jst", distinct=True), people=Count("pk", distinct=True))
    )
    found = {row["project_id"]: row for row in rows}
    return {
        pk: {
            "jst_enrolled": found.get(pk, {}).get("jst", 0),
            "people_enrolled": found.get(pk, {}).get("people", 0),
        }
        for pk in project_ids
    }


# Planning ---------------------------------------------------------------------------------


def group_list_for(user) -> QuerySet:
    """The current training groups (of published plans) the user sees: an operator's
    voivodeships, a trainer's own groups, a JST's groups (as planning's `own_groups`)."""
    groups = TrainingGroup.objects.filter(active=True).select_related(
        "project", "project__voivodeship", "venue", "trainer"
    )
    return visible(groups.prefetch_related("teams"), user).order_by("pk")


def meeting_list_for(user) -> QuerySet:
    meetings = Meeting.objects.filter(group__active=True).select_related(
        "group", "group__project", "group__project__voivodeship", "group__venue", "trainer"
    )
    return visible(meetings.select_related("venue"), user).order_by("start_date", "pk")
