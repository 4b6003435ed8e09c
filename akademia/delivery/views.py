"""Delivery pages: the groups and their days, a day's attendance list (marked on a tablet, also
offline, or by a plain form), mark changes, substitutes and withdrawals, reports,
"Moje szkolenie", and advisory support (doradztwo)."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.delivery import confirmations, exports, forms, reports, selectors, services
from akademia.delivery.models import AdvisoryStatus, Attendance
from akademia.planning import selectors as planning
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
    rows = [(p, days[p.pk], figures[p.pk]) for p in participations]
    return render(request, "delivery/my_training.html", {"participations": rows})


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
