"""Confirmation pages of delivery (docs/confirmations.md): reads only, every text translated."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.core.confirm import Confirmation
from akademia.delivery import selectors, services
from akademia.delivery.hours import hours_text


def advisory_confirm(session) -> Confirmation:
    """The coordinator confirms an advisory entry: its hours count as used, for good."""
    facts = {
        "date": date_format(session.date, "j E Y"),
        "hours": hours_text(session.hours),
        "jst": session.assignment.jst.name,
    }
    page = Confirmation(
        title=_("Confirm the advisory of %(date)s (%(hours)s h)?") % facts,
        button=_("Confirm the advisory"),
        back=(
            reverse("delivery:advisory-session", args=[session.pk]),
            _("Advisory entry"),
        ),
        refusal=services.advisory_confirm_blocker(session),
    )
    if page.refusal:
        return page
    totals = selectors.advisory_assignment_hours(session.assignment)
    page.effects = [
        _(
            "%(hours)s h of advisory given by %(advisor)s on %(date)s, “%(topic)s”, count as "
            "used by %(jst)s."
        )
        % (facts | {"advisor": session.advisor.full_name, "topic": session.topic}),
        _("Confirmed hours of %(jst)s: %(after)s of %(due)s h due.")
        % {
            "jst": facts["jst"],
            "after": hours_text(totals.confirmed + session.hours),
            "due": hours_text(totals.due),
        },
    ]
    page.final = [_("A confirmed entry can no longer be changed or disputed.")]
    return page
