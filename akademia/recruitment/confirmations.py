"""What the recruitment actions that cannot be undone will do, for their confirmation pages
(`core/confirm.py`, docs/confirmations.md): running the selection, publishing its results, a
coordinator withdrawing an application.

Reads only: each page is shown by a GET that changes nothing.
"""

import copy

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.selectors import language_of
from akademia.core.confirm import Confirmation, EmailPreview
from akademia.recruitment import notifications, selectors, services
from akademia.recruitment.models import (
    SELECTABLE,
    Application,
    ApplicationStatus,
    Call,
    Override,
    TeamMember,
)
from akademia.recruitment.selection.messages import withdrawn as withdrawn_reason


def _preview(
    application: Application, template: str, *, label: str = "", language=""
) -> EmailPreview:
    chosen = language_of(application.coordinator_email)
    subject, body = notifications.render_application_email(
        application, template, language=chosen or language or settings.LANGUAGE_CODE
    )
    to = f"{application.coordinator_name} <{application.coordinator_email}>"
    return EmailPreview(to=to, subject=subject, body=body, label=label)


def selection_run(call: Call) -> Confirmation:
    page = Confirmation(
        title=_("Run the selection of “%(call)s”?") % {"call": call.title},
        button=_("Run the selection"),
        back=(reverse("recruitment:call-detail", args=[call.pk]), call.title),
        refusal=services.selection_run_blocker(call),
    )
    if page.refusal:
        return page
    candidates = call.applications.filter(status__in=SELECTABLE)
    count, quotas = candidates.count(), call.quotas.count()
    page.effects = [
        ngettext(
            "%(count)d complete application takes part.",
            "%(count)d complete applications take part.",
            count,
        )
        % {"count": count},
        ngettext(
            "The selection keeps the call's %(count)d quota, or says what makes it impossible.",
            "The selection keeps the call's %(count)d quotas, or says which cannot all be met.",
            quotas,
        )
        % {"count": quotas},
        _(
            "Each application gets a status (selected, on the waiting list, not selected) with "
            "its reasons; its coordinator sees them on their page at once."
        ),
    ]
    forced = candidates.exclude(override=Override.NONE).count()
    if forced:
        page.effects.append(
            ngettext(
                "%(count)d manual decision is kept.",
                "%(count)d manual decisions are kept.",
                forced,
            )
            % {"count": forced}
        )
    page.effects.append(
        _("Nobody is e-mailed: the applicants are told when you publish the results.")
    )
    waiting = call.applications.filter(
        status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.CORRECTIONS]
    ).count()
    if call.accepts_applications:
        page.warnings.append(
            _(
                "The call still accepts applications, until %(day)s. Applications completed "
                "later are not in this selection: it will be out of date, and must run again "
                "before the results can be published. Meanwhile the coordinators already see "
                "the statuses it gives."
            )
            % {"day": date_format(call.closes_on, "j E Y")}
        )
    if waiting:
        page.warnings.append(
            ngettext(
                "%(count)d application is not checked as complete yet and does not take part.",
                "%(count)d applications are not checked as complete yet and do not take part.",
                waiting,
            )
            % {"count": waiting}
        )
    page.final = [
        _(
            "The coordinators may read their status as soon as the selection runs; running it "
            "again until the results are published changes the statuses, not what was read."
        )
    ]
    return page


def selection_publish(call: Call) -> Confirmation:
    page = Confirmation(
        title=_("Publish the results of “%(call)s”?") % {"call": call.title},
        button=_("Publish the results and e-mail the applicants"),
        back=(reverse("recruitment:call-results", args=[call.pk]), _("Selection results")),
        refusal=services.selection_publish_blocker(call),
    )
    if page.refusal:
        return page
    decided = services.decided_applications(call)
    by_status: dict[str, list[Application]] = {}
    for application in decided:
        by_status.setdefault(application.status, []).append(application)
    selected = by_status.get(ApplicationStatus.SELECTED, [])
    people = TeamMember.objects.filter(application__in=selected).count()
    page.effects = [
        ngettext(
            "%(count)d selected JST team is enrolled in the project “%(project)s”.",
            "%(count)d selected JST teams are enrolled in the project “%(project)s”.",
            len(selected),
        )
        % {"count": len(selected), "project": call.project},
        ngettext(
            "Their teams have %(count)d person, who can then be planned into training groups.",
            "Their teams have %(count)d people, who can then be planned into training groups.",
            people,
        )
        % {"count": people},
        _(
            "The waiting list stays: when a selected JST withdraws, the next one that keeps "
            "every quota takes its place and is e-mailed."
        ),
    ]
    page.emails = [
        ngettext(
            "%(count)d coordinator gets the e-mail “%(subject)s”, one per application:",
            "%(count)d coordinators get the e-mail “%(subject)s”, one per application:",
            len(decided),
        )
        % {"count": len(decided), "subject": notifications.SUBJECTS["result"]},
    ]
    present = [status for status in RESULT_ORDER if by_status.get(status)]
    page.emails += [_result_line(status, len(by_status[status])) for status in present]
    page.previews = [
        _preview(by_status[status][0], "result", label=ApplicationStatus(status).label)
        for status in present
    ]
    page.final = [
        _(
            "Results cannot be unpublished: the selection no longer runs, and the e-mails cannot "
            "be taken back."
        )
    ]
    return page


RESULT_ORDER = (
    ApplicationStatus.SELECTED,
    ApplicationStatus.WAITING,
    ApplicationStatus.NOT_SELECTED,
)


def _result_line(status: str, count: int) -> str:
    if status == ApplicationStatus.SELECTED:
        line = ngettext(
            "%(count)d selected: their team is enrolled in the project.",
            "%(count)d selected: their teams are enrolled in the project.",
            count,
        )
    elif status == ApplicationStatus.WAITING:
        line = ngettext(
            "%(count)d on the waiting list, with their position.",
            "%(count)d on the waiting list, each with their position.",
            count,
        )
    else:
        line = ngettext(
            "%(count)d not selected, with the reasons.",
            "%(count)d not selected, each with the reasons.",
            count,
        )
    return line % {"count": count}


def application_withdraw(application: Application) -> Confirmation:
    call = application.call
    page = Confirmation(
        title=_("Withdraw the application of %(jst)s to “%(call)s”?")
        % {"jst": application.jst.name, "call": call.title},
        button=_("Withdraw the application"),
        back=(reverse("recruitment:my-applications"), _("My applications")),
        refusal=services.application_withdraw_blocker(application),
    )
    if page.refusal:
        return page
    run = selectors.latest_run(call)
    took_part = services.took_part_in(application, run)
    refill = call.is_published and application.status == ApplicationStatus.SELECTED
    page.effects = [_("The application no longer takes part in the call.")]
    if refill:
        page.effects.append(
            _(
                "Your team leaves the project, and its place goes to the next JST on the waiting "
                "list that keeps every quota."
            )
        )
    elif took_part and not call.is_published:
        page.effects.append(
            _("The operators run the selection again without it before publishing the results.")
        )
    page.emails = [
        _("You get an e-mail confirming the withdrawal, at %(email)s.")
        % {"email": application.coordinator_email}
    ]
    if refill:
        page.emails.append(_("The coordinator of the JST that takes the place is e-mailed."))
    # As the service will leave it: a withdrawn application's reasons say so (when it ran).
    withdrawn = copy.copy(application)
    if took_part:
        withdrawn.reasons = [withdrawn_reason().to_dict()]
    page.previews = [_preview(withdrawn, "withdrawn", language=translation.get_language() or "")]
    page.final = [_("A withdrawn application cannot be restored.")]
    if refill:
        page.final.append(_("The place that goes to another JST is not given back."))
    return page
