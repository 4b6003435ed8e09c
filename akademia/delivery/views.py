"""Delivery pages: the groups and their days, a day's attendance list (marked on a tablet, also
offline, or by a plain form), mark changes, substitutes and withdrawals, reports,
"Moje szkolenie"; tasks between meetings (the team's answers, the trainer's reviews);
completion and certificates, and the public verification of a certificate; calendars (list,
month, the iCalendar feed) and moving a meeting; advisory support (doradztwo)."""

import datetime as dt
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.core import ratelimit
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.core.middleware import allows_large_uploads
from akademia.core.net import client_ip
from akademia.delivery import (
    calendars,
    certificates,
    completion,
    confirmations,
    exports,
    forms,
    ical,
    reports,
    selectors,
    services,
)
from akademia.delivery.models import AdvisoryStatus, Attendance, ReviewDecision
from akademia.planning import selectors as planning
from akademia.planning import services as planning_services
from akademia.programmes.models import AdvisoryMode


@permission_required(Capability.SEE_ATTENDANCE)
def group_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "today": selectors.today_days_for(request.user),
        "groups": selectors.group_list_for(request.user),
    }
    return render(request, "delivery/group_list.html", context)


@permission_required(Capability.SEE_ATTENDANCE)
def group_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for(request.user, pk)
    participants = list(selectors.group_participants_for(request.user, group))
    for participant in participants:
        participant.manageable = participant.status == "active" and can(
            request.user, Capability.MANAGE_PARTICIPANTS, participant
        )
    context = {
        "group": group,
        "participants": participants,
        "days": selectors.group_days_for(request.user, group),
        "may_sync": can(request.user, Capability.PLAN_TRAINING, group.project),
    }
    return render(request, "delivery/group_detail.html", context)


@require_POST
@permission_required(Capability.PLAN_TRAINING)
def participants_sync(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An operator brings a project's participants up to date now (e.g. for a plan published
    before delivery existed); publication does it by itself."""
    project = planning.project_get_for(request.user, pk)
    result = services.participants_sync(actor=request.user, project=project)
    messages.success(
        request,
        _("Participants updated: %(created)d added, %(ended)d ended, %(days)d days added.")
        % {
            "created": result.created,
            "ended": result.withdrawn + result.regrouped,
            "days": result.days,
        },
    )
    return redirect("delivery:group-list")


# A day's list -------------------------------------------------------------------------------


@permission_required(Capability.SEE_ATTENDANCE)
def day_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    day = selectors.day_get_for(request.user, pk)
    if request.method == "POST":
        return _day_post(request, day)
    rows = selectors.day_sheet_for(request.user, day)
    preset = Attendance.PRESENT if request.GET.get("obecni") else ""
    context = {
        "day": day,
        # Each unmarked line carries an id for its mark: the same page sent twice counts once.
        "rows": [(row, uuid.uuid4() if row.mark is None else None) for row in rows],
        "may_mark": selectors.may_mark(request.user, day),
        "may_change": selectors.may_change_marks(request.user, day),
        "preset": preset,
        "future": day.date > timezone.localdate(),
        "choices": Attendance.choices,
        "unmarked": sum(1 for row in rows if row.mark is None),
    }
    return render(request, "delivery/day_detail.html", context)


def _day_post(request: AuthenticatedRequest, day) -> HttpResponse:
    """The list sent as a plain form (no script): the same service as the tablet's queue."""
    if not can(request.user, Capability.MARK_ATTENDANCE):
        raise PermissionDenied
    rows = selectors.day_sheet_for(request.user, day)
    marks = forms.marks_from_post(request.POST, [row.participant.pk for row in rows])
    try:
        results = services.attendance_record(actor=request.user, day=day, marks=marks)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("delivery:day-detail", pk=day.pk)
    saved = sum(1 for result in results if result.outcome == "saved")
    for result in results:
        if not result.ok:
            messages.error(request, result.message)
    messages.success(request, _("Marks saved: %(count)d.") % {"count": saved})
    return redirect("delivery:day-detail", pk=day.pk)


@require_POST
@permission_required(Capability.MARK_ATTENDANCE)
def day_sync(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The tablet's queue: marks with the ids the browser gave them; answers per mark, so the
    queue forgets what was applied (or applied before) and shows what was refused."""
    day = selectors.day_get_for(request.user, pk)
    try:
        marks = forms.marks_from_json(request.body)
    except ValueError:
        return HttpResponseBadRequest("marks", content_type="text/plain")
    try:
        results = services.attendance_record(actor=request.user, day=day, marks=marks)
    except DomainError as error:  # the whole day refuses (closed, not its trainer)
        results = [
            services.MarkResult(m.participant_id, m.client_id, "refused", str(error)) for m in marks
        ]
    return JsonResponse(
        {
            "results": [
                {
                    "id": str(r.client_id),
                    "participant": r.participant_id,
                    "ok": r.ok,
                    "outcome": r.outcome,
                    "message": r.message,
                }
                for r in results
            ]
        }
    )


@require_POST
@permission_required(Capability.MARK_ATTENDANCE)
def day_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    day = selectors.day_get_for(request.user, pk)
    try:
        services.day_close(actor=request.user, day=day)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The list of the day is closed."))
    return redirect("delivery:day-detail", pk=day.pk)


@permission_required(Capability.SEE_ATTENDANCE)
def day_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    day = selectors.day_get_for(request.user, pk)
    rows = selectors.day_sheet_for(request.user, day)
    pdf = exports.attendance_list_pdf(day, rows, now=timezone.localtime())
    response = HttpResponse(pdf, content_type=exports.PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.list_filename(day)}"'
    return response


@permission_required(Capability.MARK_ATTENDANCE)
def mark_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    mark = selectors.mark_get_for(request.user, pk)
    initial = {"status": mark.status, "note": mark.note}
    form = forms.MarkChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_change(actor=request.user, mark=mark, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The mark is changed; its history keeps the earlier one."))
            return redirect("delivery:day-detail", pk=mark.day_id)
    context = {
        "mark": mark,
        "form": form,
        "history": selectors.mark_history_for(request.user, mark),
    }
    return render(request, "delivery/mark_change.html", context)


# Participants ---------------------------------------------------------------------------------


def _participant_form(request, pk: int, form_class, service, template: str) -> HttpResponse:
    participant = selectors.participant_get_for(request.user, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, participant=participant, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved. The participant's history is kept."))
            return redirect("delivery:group-detail", pk=participant.group_id)
    return render(request, template, {"participant": participant, "form": form})


@permission_required(Capability.MANAGE_PARTICIPANTS)
def participant_substitute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _participant_form(
        request,
        pk,
        forms.SubstituteForm,
        services.participant_substitute,
        "delivery/participant_substitute.html",
    )


@permission_required(Capability.MANAGE_PARTICIPANTS)
def participant_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _participant_form(
        request,
        pk,
        forms.WithdrawForm,
        services.participant_withdraw,
        "delivery/participant_withdraw.html",
    )


# Reports ------------------------------------------------------------------------------------


def _report(request: AuthenticatedRequest):
    everything = selectors.report_participants_for(request.user)
    form = forms.ReportFilterForm(request.GET or None, **selectors.report_choices(everything))
    participants = selectors.report_participants_for(request.user, **form.filters())
    return form, reports.build(participants)


@permission_required(Capability.SEE_ATTENDANCE)
def report(request: AuthenticatedRequest) -> HttpResponse:
    form, built = _report(request)
    query = request.GET.urlencode()
    return render(request, "delivery/report.html", {"form": form, "report": built, "query": query})


@permission_required(Capability.SEE_ATTENDANCE)
def report_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    _form, built = _report(request)
    response = HttpResponse(exports.report_xlsx(built), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="frekwencja.xlsx"'
    return response


@permission_required(Capability.SEE_OWN_TRAINING)
def my_training(request: AuthenticatedRequest) -> HttpResponse:
    participations = selectors.own_participations(request.user)
    days = selectors.own_days(participations)
    figures = {line.subject.pk: line.figures for line in reports.build(participations).participants}
    standing = {
        p.pk: completion.evaluate_group(p.group, participations.filter(pk=p.pk)).people[0]
        for p in participations
    }
    rows = [(p, days[p.pk], figures[p.pk], standing[p.pk]) for p in participations]
    return render(request, "delivery/my_training.html", {"participations": rows})


# Tasks between meetings -----------------------------------------------------------------------


@permission_required(Capability.SEE_TASKS)
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    """A team's tasks (its coordinator and participants); for trainers and operators the
    groups with what waits for a review and what is overdue."""
    team = can(request.user, Capability.SUBMIT_TASKS)
    context = {
        "team": team,
        "tasks": selectors.task_list_for(request.user) if team else [],
        "groups": [] if team else selectors.task_groups_for(request.user),
    }
    return render(request, "delivery/tasks/task_list.html", context)


@permission_required(Capability.SEE_TASKS)
def task_group(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A group's tasks: the answers waiting for the trainer's review, and every team's task
    of every module with its state (the operators' overview)."""
    group = selectors.task_group_get_for(request.user, pk)
    context = {
        "group": group,
        "table": selectors.task_table_for(request.user, group),
        "reviewer": can(request.user, Capability.REVIEW_TASKS, group),
    }
    return render(request, "delivery/tasks/task_group.html", context)


def _file_help() -> str:
    return ngettext(
        "At most %(count)d file, up to %(limit)s: PDF, DOCX, XLSX, ODT, PNG or JPEG.",
        "At most %(count)d files, each up to %(limit)s: PDF, DOCX, XLSX, ODT, PNG or JPEG.",
        settings.TASK_FILES_MAX,
    ) % {
        "count": settings.TASK_FILES_MAX,
        "limit": filesizeformat(settings.TASK_FILE_MAX_BYTES),
    }


def _task_upload_limit() -> int:
    """The largest answer: every file at its limit, and room for the text and the form."""
    return settings.TASK_FILES_MAX * settings.TASK_FILE_MAX_BYTES + 1024 * 1024


@allows_large_uploads(_task_upload_limit)
@permission_required(Capability.SEE_TASKS)
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The task, every round sent with its files and the trainer's feedback; the team's form
    for its answer (POST sends it)."""
    assignment = selectors.task_get_for(request.user, pk)
    may_submit = not services.task_submit_blocker(assignment) and can(
        request.user, Capability.SUBMIT_TASKS, assignment
    )
    form = forms.TaskSubmitForm(request.POST or None, request.FILES or None, file_help=_file_help())
    if request.method == "POST":
        if not can(request.user, Capability.SUBMIT_TASKS):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.task_submit(
                    actor=request.user,
                    assignment=assignment,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["files"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your answer is sent to the trainer."))
                return redirect("delivery:task-detail", pk=assignment.pk)
        may_submit = True  # show the refusal on the form that was sent
    context = {
        "task": assignment,
        "rounds": selectors.task_rounds(assignment),
        "form": form,
        "may_submit": may_submit,
        "may_review": not services.task_review_blocker(assignment)
        and can(request.user, Capability.REVIEW_TASKS, assignment),
        "refusal": services.task_submit_blocker(assignment),
    }
    return render(request, "delivery/tasks/task_detail.html", context)


@permission_required(Capability.REVIEW_TASKS)
def task_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The trainer's review of the latest answer: accept it, or return it with feedback."""
    assignment = selectors.task_get_for(request.user, pk)
    form = forms.TaskReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.task_review(
                actor=request.user, assignment=assignment, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            done = (
                _("The answer is accepted.")
                if review.decision == ReviewDecision.ACCEPTED
                else _("The answer is returned to the team with your feedback.")
            )
            messages.success(request, done)
            return redirect("delivery:task-group", pk=assignment.group_id)
    context = {
        "task": assignment,
        "rounds": selectors.task_rounds(assignment),
        "form": form,
        "refusal": services.task_review_blocker(assignment),
    }
    return render(request, "delivery/tasks/task_review.html", context)


@permission_required(Capability.SEE_TASKS)
def task_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A file of an answer, to whoever may read its task: always a download under the name it
    was sent with, never shown in the browser's window (nosniff: the type is not guessed)."""
    row = selectors.task_file_get_for(request.user, pk)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=row.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Completion and certificates ------------------------------------------------------------------


@permission_required(Capability.SEE_ATTENDANCE)
def group_completion(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Where everyone of the group (of the reader's scope) stands toward the certificate."""
    group = selectors.group_get_for(request.user, pk)
    book = completion.evaluate_group(
        group, selectors.completion_participants_for(request.user, group)
    )
    context = {
        "group": group,
        "book": book,
        "kinds": completion.RuleKind,
        "may_issue": can(request.user, Capability.ISSUE_CERTIFICATES, group),
        "may_set_rules": book.version is not None
        and can(request.user, Capability.SET_COMPLETION_RULES, book.version),
    }
    return render(request, "delivery/certificates/group_completion.html", context)


@permission_required(Capability.ISSUE_CERTIFICATES)
def certificates_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what issuing the group's certificates will do; POST: start the job."""
    group = selectors.group_get_for(request.user, pk)

    def act():
        job = services.certificates_issue(actor=request.user, group=group)
        return redirect("core:job-detail", pk=job.pk)

    return confirm_page(request, lambda: confirmations.certificates_issue(group), act)


def _pdf_response(certificate) -> HttpResponse:
    pdf = exports.certificate_pdf(
        certificate,
        verify_url=certificates.verification_url(certificate.number),
        form_url=certificates.verification_form_url(),
    )
    response = HttpResponse(pdf, content_type=exports.PDF_CONTENT_TYPE)
    filename = exports.certificate_filename(certificate)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An operator downloads any valid certificate of their scope, a participant their own."""
    if not (
        can(request.user, Capability.ISSUE_CERTIFICATES)
        or can(request.user, Capability.SEE_OWN_TRAINING)
    ):
        raise PermissionDenied
    return _pdf_response(selectors.certificate_download_for(request.user, pk))


@permission_required(Capability.ISSUE_CERTIFICATES)
def certificate_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    certificate = selectors.certificate_get_for(request.user, pk)
    form = forms.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not certificate.is_revoked:
        try:
            services.certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("delivery:group-completion", pk=certificate.participant.group_id)
    context = {"certificate": certificate, "form": form}
    return render(request, "delivery/certificates/revoke.html", context)


@permission_required(Capability.SET_COMPLETION_RULES)
def completion_rules(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    rules = selectors.completion_rules_of(version)
    initial = {
        name: getattr(rules, name)
        for name in forms.CompletionRulesForm.base_fields
        if hasattr(rules, name)
    }
    form = forms.CompletionRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.completion_rules_save(actor=request.user, version=version, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The completion rules are saved."))
            return redirect(request.get_full_path())
    back = url_has_allowed_host_and_scheme(
        request.GET.get("next", ""), allowed_hosts={request.get_host()}
    )
    context = {"version": version, "form": form, "next": request.GET["next"] if back else ""}
    return render(request, "delivery/certificates/completion_rules.html", context)


# The public verification page (no account) ----------------------------------------------------

VERIFY_SCOPE = "delivery.certificate_verify"


@login_not_required
@never_cache
def certificate_verify_form(request: PublicRequest) -> HttpResponse:
    """A number typed in: to its page (the form adds nothing to what the page checks)."""
    form = forms.VerifyForm(request.GET or None)
    if form.is_valid():
        number = certificates.normalise(form.cleaned_data["numer"])
        if number:
            return redirect("certificates:verify", number=number)
        form.add_error("numer", _("This is not a certificate number: check what you typed."))
    return render(request, "delivery/certificates/verify_form.html", {"form": form})


@login_not_required
@never_cache
def certificate_verify(request: PublicRequest, number: str) -> HttpResponse:
    """Valid or revoked, with what the certificate says; 404 for a number that is not one.
    The same work either way (one count, one query, one page), and a limit per client address
    against guessing."""
    address = client_ip(request)
    limit = settings.CERTIFICATE_VERIFY_LIMIT
    if ratelimit.exceeded(VERIFY_SCOPE, address, limit=limit, window=ratelimit.HOUR):
        context = {"limited": True, "limit": limit, "form": forms.VerifyForm()}
        return render(request, "delivery/certificates/verify.html", context, status=429)
    ratelimit.hit(VERIFY_SCOPE, address, window=ratelimit.HOUR)
    certificate = selectors.certificate_public(certificates.normalise(number) or number)
    context = {
        "certificate": certificate,
        "number": number,
        "form": forms.VerifyForm(initial={"numer": number}),
    }
    status = 200 if certificate is not None else 404
    return render(request, "delivery/certificates/verify.html", context, status=status)


# Calendars ----------------------------------------------------------------------------------


def _feed_urls(request: AuthenticatedRequest) -> dict:
    feed = selectors.calendar_feed_of(request.user)
    if feed is None:
        return {"feed": None}
    url = request.build_absolute_uri(reverse("delivery:calendar-feed", args=[feed.token]))
    return {"feed": feed, "feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


@permission_required(Capability.SEE_CALENDAR)
def calendar_month(request: AuthenticatedRequest) -> HttpResponse:
    """The month as a table (a list of the days with something on a phone), and the address
    of the person's feed."""
    today = timezone.localdate()
    first = calendars.month_of(request.GET.get("miesiac"), today)
    weeks = calendars.month_weeks(first, today, request.user)
    context = {
        "first": first,
        "weeks": weeks,
        "busy_days": [day for week in weeks for day in week if day.in_month and day.items],
        "previous": calendars.shift_month(first, -1),
        "next": calendars.shift_month(first, 1),
        "today": today,
        **_feed_urls(request),
    }
    return render(request, "delivery/calendar/month.html", context)


@permission_required(Capability.SEE_CALENDAR)
def calendar_list(request: AuthenticatedRequest) -> HttpResponse:
    """The meetings from today on, with their place, trainer, module and group."""
    today = timezone.localdate()
    context = {
        "meetings": selectors.calendar_meetings_for(request.user, first=today),
        "today": today,
        "may_change": can(request.user, Capability.PLAN_TRAINING),
    }
    return render(request, "delivery/calendar/list.html", context)


@require_POST
@permission_required(Capability.SEE_CALENDAR)
def calendar_feed_create(request: AuthenticatedRequest) -> HttpResponse:
    services.calendar_feed_create(actor=request.user)
    messages.success(request, _("Your calendar address is ready: add it to your calendar program."))
    return redirect(reverse("delivery:calendar") + "#kalendarz-adres")


@permission_required(Capability.SEE_CALENDAR)
def calendar_feed_regenerate(request: AuthenticatedRequest) -> HttpResponse:
    """GET: what a new address does; POST: make it (the old one answers 404 at once)."""

    def act():
        services.calendar_feed_regenerate(actor=request.user)
        messages.success(request, _("Your calendar has a new address; the old one is closed."))
        return redirect(reverse("delivery:calendar") + "#kalendarz-adres")

    feed = selectors.calendar_feed_of(request.user)
    return confirm_page(request, lambda: confirmations.calendar_feed_regenerate(feed), act)


@login_not_required
@never_cache
def calendar_feed(request, token: str) -> HttpResponse:
    """The iCalendar feed behind a secret address: no login (calendar programs), limited per
    client address; an unknown or replaced token answers 404. The token is never logged
    (settings.LOG_SECRET_PATTERNS)."""
    address = client_ip(request)
    limit = settings.CALENDAR_FEED_ADDRESS_LIMIT
    if ratelimit.exceeded("delivery.calendar", address, limit=limit, window=ratelimit.HOUR):
        return HttpResponse(
            _("Too many requests; try again later."), status=429, content_type="text/plain"
        )
    ratelimit.hit("delivery.calendar", address, window=ratelimit.HOUR)
    feed = selectors.calendar_feed_by_token(token)
    if feed is None:
        raise Http404
    since = timezone.localdate() - FEED_PAST
    meetings = selectors.calendar_meetings_for(feed.user, first=since)
    language = feed.user.language or settings.LANGUAGE_CODE
    body = ical.feed(meetings, now=timezone.now(), language=language)
    return HttpResponse(body, content_type=ical.CONTENT_TYPE)


FEED_PAST = dt.timedelta(days=365)  # a feed carries the meetings of the past year and later


@permission_required(Capability.PLAN_TRAINING)
def meeting_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The form (GET), then the confirmation page (GET with the form's values: who gets which
    e-mail), then the change (POST from that page)."""
    meeting = selectors.meeting_get_for(request.user, pk)
    data = request.POST if request.method == "POST" else None
    if data is None and "start_date" in request.GET:
        data = request.GET
    initial = {
        "start_date": meeting.start_date,
        "venue": meeting.place.pk,
        "trainer": meeting.trainer_id,
    }
    form = forms.MeetingChangeForm(
        data, initial=initial, **selectors.meeting_change_choices(meeting)
    )
    refusal = planning_services.meeting_change_blocker(meeting)
    if data is not None and not refusal and form.is_valid() and request.method == "GET":
        try:
            planning_services.meeting_change_check(meeting, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
    if data is None or refusal or not form.is_valid():
        context = {"meeting": meeting, "form": form, "refusal": refusal}
        return render(request, "delivery/calendar/meeting_change.html", context)

    def act():
        planning_services.meeting_change(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The meeting is changed; the people concerned are e-mailed."))
        return redirect("delivery:calendar-list")

    def page():
        return confirmations.meeting_change(meeting, form.cleaned_data, form.posted_again())

    return confirm_page(request, page, act)


# Advisory support (doradztwo) ---------------------------------------------------------------


@permission_required(Capability.SEE_ADVISORY)
def advisory_list(request: AuthenticatedRequest) -> HttpResponse:
    """The hours of the reader's scope per JST, advisor and project; a coordinator's entries to
    confirm, an advisor's next visits, an operator's projects to assign advisors in."""
    projects = selectors.advisory_report_projects_for(request.user)
    form = forms.AdvisoryFilterForm(request.GET or None, projects=projects)
    context = {
        "form": form,
        "query": request.GET.urlencode(),
        "report": selectors.advisory_report_for(request.user, project=form.project()),
        "to_confirm": selectors.advisory_to_confirm_for(request.user),
        "upcoming": selectors.advisory_upcoming_for(request.user),
        "assignable": selectors.advisory_projects_for(request.user),
    }
    return render(request, "delivery/advisory/list.html", context)


@permission_required(Capability.SEE_ADVISORY)
def advisory_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    projects = selectors.advisory_report_projects_for(request.user)
    project = forms.AdvisoryFilterForm(request.GET or None, projects=projects).project()
    report = selectors.advisory_report_for(request.user, project=project)
    sessions = selectors.advisory_sessions_for(request.user, project=project)
    workbook = exports.advisory_xlsx(report, sessions)
    response = HttpResponse(workbook, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="doradztwo.xlsx"'
    return response


@permission_required(Capability.ASSIGN_ADVISORS)
def advisory_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.advisory_project_get_for(request.user, pk)
    form = forms.AdvisoryAssignForm(
        request.POST or None,
        jsts=selectors.advisory_jsts(project),
        advisors=selectors.advisor_choices(project),
        initial={"jst": request.GET.get("jst")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.advisory_assign(
                actor=request.user, project=project, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s advises %(jst)s; they got an e-mail.")
                % {"name": assignment.advisor.full_name, "jst": assignment.jst.name},
            )
            return redirect("delivery:advisory-assign", pk=project.pk)
    due, mode = selectors.advisory_due(project)
    context = {
        "project": project,
        "form": form,
        "due": due,
        "mode": AdvisoryMode(mode).label,
        "report": selectors.advisory_report_for(request.user, project=project.pk),
    }
    return render(request, "delivery/advisory/assign.html", context)


@permission_required(Capability.SEE_ADVISORY)
def advisory_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One JST's advisory in a project: its hours and every entry."""
    assignment = selectors.advisory_assignment_get_for(request.user, pk)
    context = {
        "assignment": assignment,
        "sessions": selectors.advisory_sessions_for(request.user, assignment=assignment),
        "hours": selectors.advisory_assignment_hours(assignment),
        "mode": AdvisoryMode(selectors.advisory_due(assignment.project)[1]).label,
        "may_log": selectors.may_log_advisory(request.user, assignment),
        "may_assign": can(request.user, Capability.ASSIGN_ADVISORS, assignment.project),
    }
    return render(request, "delivery/advisory/detail.html", context)


def _session_form(request, project, **kwargs) -> forms.AdvisorySessionForm:
    return forms.AdvisorySessionForm(
        request.POST or None,
        modes=selectors.advisory_mode_choices(project),
        **kwargs,
    )


@permission_required(Capability.SEE_ADVISORY)
def advisory_session_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = selectors.advisory_assignment_get_for(request.user, pk)
    if not selectors.may_log_advisory(request.user, assignment):
        raise PermissionDenied
    initial = {"held": forms.HELD, "date": timezone.localdate()}
    form = _session_form(request, assignment.project, initial=initial)
    if request.method == "POST" and form.is_valid():
        service = services.advisory_log if form.reports_held else services.advisory_plan
        try:
            session = service(actor=request.user, assignment=assignment, details=form.details())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _saved_message(session))
            return redirect("delivery:advisory-session", pk=session.pk)
    context = {"assignment": assignment, "form": form}
    return render(request, "delivery/advisory/session_form.html", context)


def _saved_message(session) -> str:
    if session.status == AdvisoryStatus.PLANNED:
        return _("The visit is planned: it shows in your calendar and the coordinator's.")
    return _("The visit is reported; the JST's coordinator was e-mailed to confirm it.")


@permission_required(Capability.SEE_ADVISORY)
def advisory_session(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.advisory_session_get_for(request.user, pk)
    context = {
        "session": session,
        "history": selectors.advisory_history_for(request.user, session),
        "may_edit": selectors.may_edit_session(request.user, session),
        "may_confirm": selectors.may_confirm_session(request.user, session),
    }
    return render(request, "delivery/advisory/session.html", context)


@permission_required(Capability.SEE_ADVISORY)
def advisory_session_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The advisor changes a planned entry (or reports it as held), or corrects one that waits
    for confirmation or was disputed."""
    session = selectors.advisory_session_get_for(request.user, pk)
    if not can(request.user, Capability.LOG_ADVISORY):
        raise PermissionDenied
    if not selectors.may_edit_session(request.user, session):
        messages.error(request, _("Only its advisor changes an entry, until it is confirmed."))
        return redirect("delivery:advisory-session", pk=session.pk)
    planned = session.status == AdvisoryStatus.PLANNED
    initial = {
        "held": forms.PLANNED if planned else forms.HELD,
        "date": session.date,
        "hours": session.hours,
        "mode": session.mode,
        "topic": session.topic,
        "done": session.done,
        "next_steps": session.next_steps,
    }
    form = _session_form(
        request,
        session.assignment.project,
        initial=initial,
        may_plan=planned,
        correcting=not planned,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = _change(request, session, form)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _saved_message(session))
            return redirect("delivery:advisory-session", pk=session.pk)
    context = {"assignment": session.assignment, "session": session, "form": form}
    return render(request, "delivery/advisory/session_form.html", context)


def _change(request: AuthenticatedRequest, session, form):
    if session.status == AdvisoryStatus.PLANNED and form.reports_held:
        return services.advisory_log(
            actor=request.user,
            assignment=session.assignment,
            details=form.details(),
            session=session,
        )
    return services.advisory_correct(
        actor=request.user,
        session=session,
        details=form.details(),
        comment=form.cleaned_data.get("comment", ""),
    )


@permission_required(Capability.SEE_ADVISORY)
def advisory_session_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what confirming does (docs/confirmations.md); POST: confirm."""
    session = selectors.advisory_session_get_for(request.user, pk)
    if not can(request.user, Capability.CONFIRM_ADVISORY):
        raise PermissionDenied

    def act():
        services.advisory_confirm(actor=request.user, session=session)
        messages.success(request, _("The advisory is confirmed: its hours count as used."))
        return redirect("delivery:advisory-session", pk=session.pk)

    return confirm_page(request, lambda: confirmations.advisory_confirm(session), act)


def _session_action(request, pk: int, capability, form_class, service, template, done: str):
    """A page with one form about an entry (dispute, cancel): the service, then the entry."""
    session = selectors.advisory_session_get_for(request.user, pk)
    if not can(request.user, capability):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect("delivery:advisory-session", pk=session.pk)
    return render(request, template, {"session": session, "form": form})


@permission_required(Capability.SEE_ADVISORY)
def advisory_session_dispute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _session_action(
        request,
        pk,
        Capability.CONFIRM_ADVISORY,
        forms.AdvisoryDisputeForm,
        services.advisory_dispute,
        "delivery/advisory/dispute.html",
        _("The entry is disputed; the advisor was e-mailed your comment."),
    )


@permission_required(Capability.SEE_ADVISORY)
def advisory_session_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _session_action(
        request,
        pk,
        Capability.LOG_ADVISORY,
        forms.AdvisoryCancelForm,
        services.advisory_cancel,
        "delivery/advisory/cancel.html",
        _("The planned visit is cancelled; its entry stays in the history."),
    )
