"""Confirmation pages of delivery (docs/confirmations.md): reads only, nothing changes."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.core.confirm import Confirmation, EmailPreview
from akademia.delivery import notifications, selectors, services
from akademia.delivery.notifications import MeetingFacts
from akademia.planning import services as planning


def meeting_change(meeting, data: dict, fields: dict[str, str]) -> Confirmation:
    """Moving a published meeting (`data`: the form's cleaned values; `fields`: what the
    button posts again): what changes, who is told, one e-mail as it will be sent."""
    page = Confirmation(
        title=_("Change module %(module)s of group %(group)s?")
        % {"module": meeting.module, "group": meeting.group.code},
        button=_("Change the meeting and e-mail the people"),
        back=(reverse("delivery:calendar-list"), _("Calendar")),
        refusal=planning.meeting_change_blocker(meeting),
        fields=fields,
    )
    if page.refusal:
        return page
    first, last = planning.meeting_dates(meeting, data["start_date"])
    before = MeetingFacts.of(meeting)
    after = MeetingFacts.of(
        meeting, first=first, last=last, venue=data["venue"], trainer=data["trainer"]
    )
    page.effects = [
        _("Dates: %(before)s → %(after)s") % {"before": _days(before), "after": _days(after)},
        _("Venue: %(before)s → %(after)s") % {"before": before.venue, "after": after.venue},
        _("Trainer: %(before)s → %(after)s")
        % {"before": before.trainer or "—", "after": after.trainer or "—"},
        _(
            "The days of the attendance list and the calendars (also those subscribed in "
            "calendar programs) follow the change."
        ),
    ]
    people = selectors.meeting_people(meeting, [meeting.trainer, data["trainer"]])
    page.emails = [
        ngettext(
            "%(count)d person gets an e-mail about the change (the group's participants, its "
            "trainers and the coordinators of its JST): %(names)s.",
            "%(count)d people get an e-mail about the change (the group's participants, its "
            "trainers and the coordinators of its JST): %(names)s.",
            len(people),
        )
        % {"count": len(people), "names": ", ".join(p.full_name or p.email for p in people)}
    ]
    if people:
        user = people[0]
        subject, body = notifications.render_meeting_changed(
            meeting=meeting,
            before=before,
            after=after,
            reason=data["reason"],
            user=user,
            language=notifications.language_of(user),
        )
        page.previews = [EmailPreview(to=user.email, subject=subject, body=body)]
    page.final = [_("The e-mails cannot be taken back; a later change sends new ones.")]
    return page


def _days(facts: MeetingFacts) -> str:
    first = date_format(facts.first, "j E Y")
    if facts.last == facts.first:
        return first
    return f"{first} – {date_format(facts.last, 'j E Y')}"


def calendar_feed_regenerate(feed) -> Confirmation:
    page = Confirmation(
        title=_("Make a new calendar address?"),
        button=_("Make a new address"),
        back=(reverse("delivery:calendar"), _("Calendar")),
        refusal=services.calendar_feed_regenerate_blocker(feed),
    )
    if page.refusal:
        return page
    page.effects = [
        _("Your calendar gets a new secret address, shown on the calendar page."),
        _(
            "Calendar programs subscribed to the old address stop receiving your meetings: "
            "subscribe them to the new one."
        ),
    ]
    page.final = [_("The old address stops working at once, for good.")]
    return page
