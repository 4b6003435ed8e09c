"""The lists behind the dashboard's figures: the people at a stage, and the JST reached, with
the dashboard's filters (and the same scope)."""

from django.db.models import Count, QuerySet

from akademia.reporting.filters import Filters
from akademia.reporting.selectors.people import enrolments_for, stage_rows

STAGES = ("recruited", "started", "attending", "completed", "certified")


def stage_people_for(
    user, filters: Filters, stage: str, gender: str | None = None, group: int | None = None
) -> QuerySet:
    """Rows with a name, JST, project, group and profile of the people at `stage`: the places
    (recruitment) for "recruited", else the participants (delivery); of one gender ("": not
    known) or one training group when asked."""
    if stage == "recruited":
        rows = enrolments_for(user, filters).select_related("project", "jst", "member")
        if gender is not None:
            rows = rows.filter(member__gender=gender)
        return rows.order_by("project__name", "jst__name", "member__full_name", "pk")
    rows = stage_rows(user, filters, stage).select_related("group__project", "jst", "enrolment")
    if gender is not None:
        rows = rows.filter(enrolment__member__gender=gender)
    if group is not None:
        rows = rows.filter(group_id=group)
    return rows.order_by("group__project__name", "group__code", "jst__name", "full_name", "pk")


def reached_jst_for(user, filters: Filters) -> QuerySet:
    """The JST with places enrolled, with how many, per project."""
    rows = enrolments_for(user, filters).values(
        "project__name", "jst__name", "jst__code", "jst__kind"
    )
    return rows.annotate(people=Count("pk")).order_by("project__name", "jst__name")
