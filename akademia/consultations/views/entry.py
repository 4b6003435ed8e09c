"""Three ways comments ("uwagi") come in: the participants' meeting link, the operator's fast
entry during a meeting, and the import of a file. All of them end in services.comments_add."""

import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.consultations import comment_import, selectors, services
from akademia.consultations.forms import (
    CommentImportForm,
    FastEntryForm,
    LinkCommentForm,
    target_label,
)
from akademia.consultations.models import Comment, Meeting, RoundStatus, Source
from akademia.core import ratelimit
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.core.jobs import job_file_save, job_start
from akademia.core.net import client_ip

# What the meeting link keeps in the visitor's session.
SENT_KEY = "consultations.entry.sent"  # {meeting pk: [ids of the comments sent]}
AUTHOR_KEY = "consultations.entry.author"  # {"author_name": ..., "author_jst": TERYT code}
TIMES_KEY = "consultations.entry.times"  # when each comment of the last hour was sent
RATE_LIMIT = 30
RATE_WINDOW_SECONDS = 3600
# A new session is free to get, so the link also counts per client address (in the database):
# settings.COMMENT_LINK_ADDRESS_LIMIT an hour, high enough for a room on the venue's network.
ADDRESS_SCOPE = "consultations.meeting_link"
PROBLEMS_SHOWN = 200


def _with_targets(comments) -> list[Comment]:
    """The comments, each with `target_label`: what it refers to, in words."""
    comments = list(comments)
    for comment in comments:
        comment.target_label = target_label(comment)
    return comments


# The meeting link -------------------------------------------------------------------------


@login_not_required
@never_cache
def meeting_entry(request: PublicRequest, token: str) -> HttpResponse:
    """A participant's form, reached by the link the operator hands out at the meeting."""
    meeting = selectors.meeting_get_by_token(token)
    if meeting.round.status != RoundStatus.OPEN:
        return render(request, "consultations/entry/closed.html", {"meeting": meeting}, status=403)
    modules = selectors.version_modules(meeting.round.version)
    form = LinkCommentForm(
        request.POST or None,
        modules=modules,
        jst=selectors.meeting_jst(meeting),
        initial=_author_initial(request),
    )
    if request.method == "POST" and form.is_valid():
        address_key = f"{meeting.pk}:{client_ip(request)}"
        if _rate_limited(request.session):
            form.add_error(None, _rate_limit_message())
        elif ratelimit.exceeded(
            ADDRESS_SCOPE,
            address_key,
            limit=settings.COMMENT_LINK_ADDRESS_LIMIT,
            window=ratelimit.HOUR,
        ):
            form.add_error(None, _address_limit_message())
        elif _send_from_link(request, meeting, form):
            ratelimit.hit(ADDRESS_SCOPE, address_key, window=ratelimit.HOUR)
            return redirect(request.path)
    sent = selectors.comments_sent_from_link(
        meeting, request.session.get(SENT_KEY, {}).get(str(meeting.pk), [])
    )
    sent = _with_targets(sent)
    return render(
        request,
        "consultations/entry/meeting_entry.html",
        {"meeting": meeting, "form": form, "sent": sent},
    )


def _send_from_link(request: PublicRequest, meeting: Meeting, form: LinkCommentForm) -> bool:
    fields = form.comment_fields()
    if request.user.is_authenticated:
        fields["author_user"] = request.user
    try:
        comment = services.comment_add(
            actor=request.user,
            consultation=meeting.round,
            source=Source.LINK,
            meeting=meeting,
            **fields,
        )
    except DomainError as error:
        add_domain_error(form, error)
        return False
    _remember(request.session, meeting, comment)
    messages.success(
        request,
        _("Thank you: your comment was sent as no. %(number)d. You can send another one.")
        % {"number": comment.number},
    )
    return True


def _author_initial(request: PublicRequest) -> dict:
    """Name and JST of the previous comment in this session, else the signed-in person's."""
    remembered = request.session.get(AUTHOR_KEY)
    if remembered:
        return remembered
    user = request.user
    if user.is_authenticated:
        return {"author_name": user.full_name, "author_jst": user.jst.code if user.jst else ""}
    return {}


def _remember(session, meeting: Meeting, comment: Comment) -> None:
    sent = session.get(SENT_KEY, {})
    sent.setdefault(str(meeting.pk), []).append(comment.pk)
    session[SENT_KEY] = sent
    jst = comment.author_jst.code if comment.author_jst else ""
    session[AUTHOR_KEY] = {"author_name": comment.author_name, "author_jst": jst}
    session[TIMES_KEY] = [*_recent_times(session), time.time()]


def _recent_times(session) -> list[float]:
    since = time.time() - RATE_WINDOW_SECONDS
    return [moment for moment in session.get(TIMES_KEY, []) if moment > since]


def _rate_limited(session) -> bool:
    """A cap per browser session against a script filling a round with noise."""
    return len(_recent_times(session)) >= RATE_LIMIT


def _rate_limit_message() -> str:
    return _(
        "You have sent %(limit)d comments in the last hour, the most this form takes. "
        "Please wait a while, or give the rest to the meeting's operator."
    ) % {"limit": RATE_LIMIT}


def _address_limit_message() -> str:
    return _(
        "This meeting's form has taken %(limit)d comments from your network in the last hour, "
        "the most it takes. Please wait a while, or give the rest to the meeting's operator."
    ) % {"limit": settings.COMMENT_LINK_ADDRESS_LIMIT}


# Fast entry by an operator ----------------------------------------------------------------


@permission_required(Capability.RUN_CONSULTATIONS)
def meeting_type(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Type what the meeting says, one comment after another, without leaving the keyboard."""
    meeting = selectors.meeting_get_for(request.user, pk)
    form = _fast_entry_form(meeting, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_add(
                actor=request.user,
                consultation=meeting.round,
                source=Source.OPERATOR,
                meeting=meeting,
                **form.comment_fields(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _typed(request, meeting, form, comment)
    template = "consultations/entry/fast_entry.html"
    if request.method == "POST" and request.htmx:
        # Only the form comes back (it replaces itself), with the text and the errors.
        template += "#entry-form"
    return render(request, template, _fast_entry_context(request, meeting, form))


def _fast_entry_form(meeting: Meeting, *, data=None, initial=None) -> FastEntryForm:
    return FastEntryForm(
        data,
        initial=initial,
        participants=selectors.meeting_participants(meeting),
        modules=selectors.version_modules(meeting.round.version),
    )


def _typed(request: AuthenticatedRequest, meeting: Meeting, form: FastEntryForm, comment: Comment):
    """After a comment is saved: for htmx the new list item and an empty form in which who
    spoke and what about stay chosen; without script, back to the page."""
    if not request.htmx:
        messages.success(request, _("Comment no. %(number)d added.") % {"number": comment.number})
        return redirect("consultations:meeting-type", pk=meeting.pk)
    kept = {name: form.cleaned_data[name] for name in ("speaker", "target")}
    context = _fast_entry_context(request, meeting, _fast_entry_form(meeting, initial=kept))
    context["comment"] = _with_targets([comment])[0]
    return render(request, "consultations/entry/fast_entry.html#typed", context)


RECENT_COMMENTS = 50


def _fast_entry_context(
    request: AuthenticatedRequest, meeting: Meeting, form: FastEntryForm
) -> dict:
    comments = selectors.comment_list_for(request.user, meeting.round).filter(meeting=meeting)
    return {
        "meeting": meeting,
        "form": form,
        # The newest ones, to check what was just typed; the round page lists them all.
        "comments": _with_targets(comments.order_by("-number")[:RECENT_COMMENTS]),
        "total": comments.count(),
        "is_open": meeting.round.status == RoundStatus.OPEN,
    }


# Import of a file -------------------------------------------------------------------------


@permission_required(Capability.RUN_CONSULTATIONS)
def round_import_comments(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """All rows or none: every row is checked here, then a job saves them in one atomic
    comments_add (jobs.import_comments) and the operator watches it on the job page."""
    consultation = selectors.round_get_for(request.user, pk)
    form = CommentImportForm(request.POST or None, request.FILES or None)
    problems: list[comment_import.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = comment_import.parse_comments(data, upload.name, consultation=consultation)
        problems = result.problems
        if not problems:
            # Every row is right: saving them (seconds for thousands) is a background job,
            # which checks the file again and imports all rows or none.
            job = job_start(
                kind="consultations.import_comments",
                label=_("Import of comments: %(round)s") % {"round": consultation},
                actor=request.user,
                params={
                    "path": str(job_file_save(data, suffix=Path(upload.name).suffix.lower())),
                    "name": upload.name,
                    "round": consultation.pk,
                    "back_url": request.path,
                },
            )
            return redirect("core:job-detail", pk=job.pk)
    return render(
        request,
        "consultations/entry/import.html",
        {
            "consultation": consultation,
            "form": form,
            "problems": problems[:PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "more_problems": max(len(problems) - PROBLEMS_SHOWN, 0),
            "is_open": consultation.status == RoundStatus.OPEN,
            "meetings": selectors.round_meetings(consultation),
            "parameters": [p.label for p in comment_import.PARAMETERS],
        },
    )
