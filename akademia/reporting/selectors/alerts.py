"""What needs an operator's attention: a project behind its target curve, a group below its
minimum size, tasks overdue, advisory entries waiting long for a confirmation, training days
closed with nobody attending. Each alert links to the list behind it."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.permissions import visible
from akademia.delivery.models import ATTENDED, AWAITING, ParticipantStatus, TrainingDay
from akademia.delivery.selectors.advisory import advisory_sessions_for
from akademia.delivery.selectors.tasks import task_list_for
from akademia.planning.models import TrainingGroup
from akademia.programmes.models import ProgrammeVersion
from akademia.reporting.curves import month_of
from akademia.reporting.filters import Filters, narrow
from akademia.reporting.models import Indicator
from akademia.reporting.selectors.targets import Targets

# A project is behind when it reached less than this share of what its curve asks by now.
BEHIND = 0.9
# An advisory entry waits too long for its coordinator's confirmation after this many days.
CONFIRMATION_DAYS = 14
SHOWN = 10  # at most this many items of one alert are listed by name


@dataclass
class Alert:
    text: str
    url: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def _behind(projects, started: dict[int, int], targets: Targets, today) -> list[Alert]:
    found = []
    for project in projects:
        due = targets.due_by([project], Indicator.TRAINED, month_of(today))
        done = started.get(project.pk, 0)
        if due and done < BEHIND * due:
            text = _("%(project)s: %(done)d people trained, %(due)d due by now.") % {
                "project": project.name,
                "done": done,
                "due": due,
            }
            found.append(Alert(text, f"{reverse('reporting:dashboard')}?projekt={project.pk}"))
    return found


def _group_minimums(groups: list[dict]) -> dict[int, int]:
    """Each group's minimum size: of the programme version its plan was made for."""
    chosen = {g["pk"]: (g["plan__parameters"] or {}).get("version") for g in groups}
    versions = ProgrammeVersion.objects.filter(pk__in=[v for v in chosen.values() if v])
    minimum = dict(versions.values_list("pk", "group_min"))
    return {pk: minimum[v] for pk, v in chosen.items() if v in minimum}


def _small_groups(user, filters: Filters) -> Alert | None:
    groups = narrow(
        visible(TrainingGroup.objects.filter(active=True), user).order_by(),
        filters,
        project="project_id",
        jst="",
        profile="",
    )
    active = Count("participants", filter=Q(participants__status=ParticipantStatus.ACTIVE))
    rows = list(
        groups.annotate(people=active).values(
            "pk", "code", "project__name", "plan__parameters", "people"
        )
    )
    minimum = _group_minimums(rows)
    small = [r for r in rows if r["pk"] in minimum and r["people"] < minimum[r["pk"]]]
    if not small:
        return None
    text = ngettext(
        "%(count)d group has fewer people than its minimum.",
        "%(count)d groups have fewer people than their minimum.",
        len(small),
    ) % {"count": len(small)}
    items = [
        (
            f"{r['project__name']}, {r['code']}: {r['people']} / {minimum[r['pk']]}",
            reverse("delivery:group-detail", args=[r["pk"]]),
        )
        for r in small[:SHOWN]
    ]
    return Alert(text, reverse("delivery:group-list"), items)


def _overdue(user, filters: Filters) -> Alert | None:
    tasks = narrow(task_list_for(user), filters, project="group__project_id", jst="jst", profile="")
    count = tasks.filter(overdue=True).count()
    if not count:
        return None
    text = ngettext(
        "%(count)d task between meetings is overdue.",
        "%(count)d tasks between meetings are overdue.",
        count,
    ) % {"count": count}
    return Alert(text, reverse("delivery:task-list"))


def _unconfirmed(user, filters: Filters, today) -> Alert | None:
    sessions = narrow(
        advisory_sessions_for(user, project=filters.project),
        filters,
        project="",
        jst="assignment__jst",
        profile="",
    )
    old = today - dt.timedelta(days=CONFIRMATION_DAYS)
    count = sessions.filter(status__in=AWAITING, date__lt=old).count()
    if not count:
        return None
    text = ngettext(
        "%(count)d advisory entry has waited over %(days)d days for its confirmation.",
        "%(count)d advisory entries have waited over %(days)d days for their confirmation.",
        count,
    ) % {"count": count, "days": CONFIRMATION_DAYS}
    return Alert(text, reverse("delivery:advisory-list"))


def _empty_days(user, filters: Filters) -> Alert | None:
    days = narrow(
        visible(TrainingDay.objects.filter(closed_at__isnull=False), user).order_by(),
        filters,
        project="meeting__group__project_id",
        jst="",
        profile="",
        day="date",
    )
    attended = Count("marks", filter=Q(marks__status__in=ATTENDED))
    empty = days.annotate(attended=attended).filter(attended=0)
    count = empty.count()
    if not count:
        return None
    rows = list(
        empty.values("date", "meeting__group_id", "meeting__group__code").order_by("date")[:SHOWN]
    )
    text = ngettext(
        "%(count)d training day was closed with nobody attending.",
        "%(count)d training days were closed with nobody attending.",
        count,
    ) % {"count": count}
    items = [
        (
            f"{r['meeting__group__code']}, {r['date']:%d.%m.%Y}",
            reverse("delivery:group-detail", args=[r["meeting__group_id"]]),
        )
        for r in rows
    ]
    return Alert(text, reverse("delivery:group-list"), items)


def alerts_for(user, filters: Filters, projects, started, targets: Targets, today) -> list[Alert]:
    found = _behind(projects, started, targets, today)
    for alert in (
        _small_groups(user, filters),
        _overdue(user, filters),
        _unconfirmed(user, filters, today),
        _empty_days(user, filters),
    ):
        if alert:
            found.append(alert)
    return found
