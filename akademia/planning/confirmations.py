"""What the planning actions that cannot be undone will do, for their confirmation pages
(`core/confirm.py`, docs/confirmations.md): publishing a plan, planning every project.

Reads only: each page is shown by a GET that changes nothing.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.selectors import coordinators_of_jsts
from akademia.core.confirm import Confirmation, EmailPreview
from akademia.planning import notifications, selectors, services
from akademia.planning.models import Plan


def _day(day) -> str:
    return date_format(day, "j E Y")


def plan_publish(plan: Plan) -> Confirmation:
    page = Confirmation(
        title=_("Publish plan %(number)d of %(project)s?")
        % {"number": plan.number, "project": plan.project},
        button=_("Publish the plan and e-mail the coordinators"),
        back=(reverse("planning:plan-detail", args=[plan.pk]), str(plan)),
        refusal=services.plan_publish_blocker(plan),
    )
    if page.refusal:
        return page
    planned = services.planned_groups(plan)
    meetings = [m for p in planned for m in p.meetings]
    page.effects = [
        ngettext(
            "%(count)d training group is created and becomes the project's current one.",
            "%(count)d training groups are created and become the project's current ones.",
            len(planned),
        )
        % {"count": len(planned)},
        ngettext(
            "%(count)d meeting is set, from %(first)s to %(last)s.",
            "%(count)d meetings are set, from %(first)s to %(last)s.",
            len(meetings),
        )
        % {
            "count": len(meetings),
            "first": _day(min(m.start_date for m in meetings)),
            "last": _day(max(m.end_date for m in meetings)),
        },
    ]
    current = selectors.published_plan(plan.project)
    if current is not None:
        page.effects.append(
            _(
                "Plan %(number)d, published on %(when)s, is superseded: its groups are no "
                "longer current, and its coordinators get the new dates."
            )
            % {"number": current.number, "when": _day(current.published_at)}
        )
    _emails(page, planned)
    page.final = [
        _("The e-mails cannot be taken back once they are sent."),
        _(
            "A published plan is not withdrawn: to change its dates, publish another plan, and "
            "every coordinator is e-mailed again."
        ),
    ]
    return page


def _emails(page: Confirmation, planned: list[services.PlannedGroup]) -> None:
    """Who is told their dates (the verified coordinators of each JST, as `queue_dates` writes
    to them), who is not, and one e-mail as the first of them will read it."""
    teams = [(p, jst) for p in planned for jst in p.teams]
    coordinators: dict[int, list] = {}
    for user in coordinators_of_jsts([jst for _group, jst in teams]).order_by("pk"):
        coordinators.setdefault(user.jst_id, []).append(user)
    count = sum(len(people) for people in coordinators.values())
    page.emails.append(
        ngettext(
            "%(count)d JST coordinator gets an e-mail with their team's group, venue and dates.",
            "%(count)d JST coordinators get an e-mail with their team's group, venue and dates.",
            count,
        )
        % {"count": count}
    )
    silent = sorted(jst.name for _group, jst in teams if jst.pk not in coordinators)
    if silent:
        page.warnings.append(
            ngettext(
                "%(count)d JST has no verified coordinator and is told nothing: %(names)s.",
                "%(count)d JST have no verified coordinator and are told nothing: %(names)s.",
                len(silent),
            )
            % {"count": len(silent), "names": ", ".join(silent)}
        )
    first = next(((p, jst) for p, jst in teams if jst.pk in coordinators), None)
    if first is not None:
        group, jst = first
        user = coordinators[jst.pk][0]
        subject, body = notifications.render_dates(
            group=group.group,
            meetings=group.meetings,
            jst=jst,
            user=user,
            language=user.language or settings.LANGUAGE_CODE,
        )
        to = f"{user.full_name} <{user.email}>" if user.full_name else user.email
        page.previews.append(EmailPreview(to=to, subject=subject, body=body))


def plan_start_all(user) -> Confirmation:
    projects = selectors.project_list_for(user)
    rows = [(project, services.plan_start_all_refusal(project)) for project in projects]
    planned = [project.name for project, refusal in rows if not refusal]
    page = Confirmation(
        title=_("Plan every project?"),
        button=_("Start the planner for these projects"),
        back=(reverse("planning:project-list"), _("Training plans")),
        warnings=[
            _("Passed over: %(project)s. %(reason)s") % {"project": project, "reason": refusal}
            for project, refusal in rows
            if refusal
        ],
    )
    if not planned:
        page.refusal = services.nothing_to_plan()
        return page
    page.effects = [
        ngettext(
            "The planner starts for %(count)d project: %(names)s.",
            "The planner starts for %(count)d projects: %(names)s.",
            len(planned),
        )
        % {"count": len(planned), "names": ", ".join(planned)},
        _(
            "Each run is a background job; its plan stays a draft, seen only by the operators, "
            "until someone publishes it (which asks first)."
        ),
    ]
    page.final = [
        _("The runs cannot be called back all at once: cancel a run on its job's page."),
    ]
    return page
