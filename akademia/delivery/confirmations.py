"""What the delivery actions that cannot be undone will do, for their confirmation pages
(`core/confirm.py`, docs/confirmations.md): issuing a group's certificates.

Reads only: each page is shown by a GET that changes nothing.

Confirmation pages of delivery (docs/confirmations.md): reads only, nothing changes.

Confirmation pages of delivery (docs/confirmations.md): reads only, every text translated."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.core.confirm import Confirmation, EmailPreview
from akademia.delivery import certificates, completion, notifications, selectors, services
from akademia.delivery.hours import hours_text
from akademia.delivery.notifications import MeetingFacts
from akademia.planning import services as planning


def certificates_issue(group) -> Confirmation:
    page = Confirmation(
        title=_("Issue the certificates of group %(code)s?") % {"code": group.code},
        button=_("Issue the certificates and e-mail the participants"),
        back=(
            reverse("delivery:group-completion", args=[group.pk]),
            _("Completion of group %(code)s") % {"code": group.code},
        ),
        refusal=services.certificates_issue_blocker(group),
    )
    if page.refusal:
        return page
    book = completion.evaluate_group(group, selectors.completion_participants(group))
    count = len(book.qualifying)
    page.effects = [
        ngettext(
            "%(count)d certificate of completion is issued, with its own number and the QR "
            "code of its public verification page.",
            "%(count)d certificates of completion are issued, each with its own number and the "
            "QR code of its public verification page.",
            count,
        )
        % {"count": count},
        _("The work is done in the background; its page shows the progress."),
    ]
    if book.issued:
        page.effects.append(
            ngettext(
                "%(count)d person already has a certificate: it stays as it is.",
                "%(count)d people already have a certificate: they stay as they are.",
                len(book.issued),
            )
            % {"count": len(book.issued)}
        )
    page.warnings = _not_qualifying(book) + [
        f"{why} {_('Certificates issued now do not wait for it.')}" for why in book.unchecked
    ]
    page.emails = [
        ngettext(
            "%(count)d participant gets an e-mail that their certificate can be downloaded.",
            "%(count)d participants get an e-mail that their certificate can be downloaded.",
            count,
        )
        % {"count": count}
    ]
    first = book.qualifying[0].participant
    page.previews = [_preview(first, book.version)]
    page.final = [
        _(
            "A certificate is never withdrawn: a mistaken one can only be revoked, with a "
            "reason, and its verification page then says it is revoked."
        ),
        _("The e-mails cannot be taken back once they are sent."),
    ]
    return page


def _not_qualifying(book) -> list[str]:
    people = book.not_qualifying
    if not people:
        return []
    head = ngettext(
        "%(count)d person does not qualify and gets no certificate:",
        "%(count)d people do not qualify and get no certificate:",
        len(people),
    ) % {"count": len(people)}
    return [head] + [f"{c.participant.full_name}: {' '.join(c.reasons)}" for c in people]


def _preview(participant, version) -> EmailPreview:
    """The e-mail of the first person, as it will be sent (with a sample number: the real one
    is drawn when the certificate is made)."""
    user = participant.user
    subject, body = certificates.render_certificate_issued(
        full_name=participant.full_name,
        programme=version.title,
        number=certificates.new_number(),
        language=user.language or settings.LANGUAGE_CODE,
    )
    label = _("certificate issued (the number here is an example: each is drawn when made)")
    return EmailPreview(to=user.email, subject=subject, body=body, label=label)


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


def day_reopen(day, reason: str, fields: dict[str, str]) -> Confirmation:
    """Reopening a closed list (the regional operator, with a reason): what it changes."""
    group = day.meeting.group
    when = date_format(day.date, "j E Y")
    page = Confirmation(
        title=_("Reopen the attendance list of group %(code)s of %(date)s?")
        % {"code": group.code, "date": when},
        button=_("Reopen the list"),
        back=(reverse("delivery:day-detail", args=[day.pk]), _("Attendance list")),
        refusal=services.day_reopen_blocker(day),
        fields=fields,
    )
    if page.refusal:
        return page
    marks = day.marks.count()
    page.effects = [
        _(
            "The list is open again: the trainer of the meeting marks the people not marked "
            "yet, changes marks (with a reason) and closes the list again."
        ),
        ngettext(
            "The %(count)d mark recorded stays as it is; its history is kept.",
            "The %(count)d marks recorded stay as they are; their history is kept.",
            marks,
        )
        % {"count": marks},
        _(
            "The day's history shows the reopening, who closed the list before, and your "
            "reason: %(reason)s"
        )
        % {"reason": reason},
    ]
    page.warnings = [
        _(
            "Until it is closed again, the printed list (PDF) says the list is not closed. "
            "Nobody is told by e-mail: tell the trainer."
        )
    ]
    return page
