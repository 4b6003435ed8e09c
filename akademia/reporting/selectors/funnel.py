"""The way from application to certificate, stage by stage, and how many left at each."""

from dataclasses import dataclass

from django.db.models import Count, Q

from akademia.accounts.permissions import visible
from akademia.recruitment.models import ApplicationStatus, Enrolment, TeamMember
from akademia.reporting.filters import Filters, narrow


@dataclass
class Stage:
    key: str
    count: int
    lost: int = 0  # fewer than at the stage before
    withdrawn: int = 0  # of them, recorded as withdrawn (places given up)
    first: int = 0  # the people at the first stage

    @property
    def percent(self) -> int:
        """This stage's people as a percentage of the first stage's."""
        return round(100 * self.count / self.first) if self.first else 0


def _members(user, filters: Filters):
    rows = TeamMember.objects.filter(application__submitted_at__isnull=False)
    rows = narrow(
        visible(rows, user).order_by(),
        filters,
        project="application__call__project_id",
        jst="application__jst",
        profile="profile",
        day="application__submitted_at__date",
    )
    return rows.aggregate(
        applied=Count("pk", distinct=True),
        selected=Count(
            "pk", distinct=True, filter=Q(application__status=ApplicationStatus.SELECTED)
        ),
    )


def _enrolled(user, filters: Filters) -> dict:
    rows = narrow(
        visible(Enrolment.objects.all(), user).order_by(),
        filters,
        project="project_id",
        jst="jst",
        profile="profile",
        day="created_at__date",
    )
    return rows.aggregate(
        enrolled=Count("pk", distinct=True),
        withdrawn=Count("pk", distinct=True, filter=Q(withdrawn_at__isnull=False)),
    )


def funnel_for(user, filters: Filters, people: dict[str, int]) -> list[Stage]:
    """applied → selected → enrolled → attended → completed → certified (people), from the
    team members of submitted applications to the certificates; `people` are the counted
    measures of the dashboard."""
    members, enrolled = _members(user, filters), _enrolled(user, filters)
    counts = [
        ("applied", members["applied"], 0),
        ("selected", members["selected"], 0),
        ("enrolled", enrolled["enrolled"], enrolled["withdrawn"]),
        ("started", people.get("started", 0), 0),
        ("completed", people.get("completed", 0), 0),
        ("certified", people.get("certified", 0), 0),
    ]
    stages, before = [], None
    for key, count, withdrawn in counts:
        lost = max(before - count, 0) if before is not None else 0
        stages.append(Stage(key, count, lost, withdrawn, counts[0][1]))
        before = count
    return stages
