"""Groups, a day's attendance list (marked on a tablet, offline, or by a plain form), mark
changes, substitutes and withdrawals, reports and "Moje szkolenie"."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import allowed, can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.delivery import (
    completion,
    exports,
    forms,
    reports,
    selectors,
    services,
)
from akademia.delivery.models import Attendance, Participant
from akademia.planning import selectors as planning

# A national operator sees about 250 groups with ten day links each: a page of them at a time.
GROUPS_ON_PAGE = 40


@permission_required(Capability.SEE_ATTENDANCE)
def group_list(request: AuthenticatedRequest) -> HttpResponse:
    groups = Paginator(selectors.group_list_for(request.user), GROUPS_ON_PAGE)
    context = {
        "today": selectors.today_days_for(request.user),
        "page": groups.get_page(request.GET.get("page")),
    }
    return render(request, "delivery/group_list.html", context)


@permission_required(Capability.SEE_ATTENDANCE)
def group_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for(request.user, pk)
    participants = list(selectors.group_participants_for(request.user, group))
    audit.viewed(request.user, group, what="delivery:group-detail", count=len(participants))
    active = [p for p in participants if p.status == "active"]
    manageable = allowed(request.user, Capability.MANAGE_PARTICIPANTS, active)
    for participant in participants:
        participant.manageable = participant.pk in manageable
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
    audit.viewed(request.user, day, what="delivery:day-detail", count=len(rows))
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
        "may_show_code": selectors.may_show_code(request.user, day),
        "may_reopen": selectors.may_reopen(request.user, day),
        "may_change_hours": selectors.may_change_hours(request.user, day),
        "events": selectors.day_events_for(request.user, day),
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
    audit.viewed(request.user, day, what="delivery:day-pdf", count=len(rows))
    pdf = exports.attendance_list_pdf(day, rows, now=timezone.localtime())
    response = HttpResponse(pdf, content_type=exports.PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.list_filename(day)}"'
    return response


@permission_required(Capability.MARK_ATTENDANCE)
def mark_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    mark = selectors.mark_get_for(request.user, pk)
    audit.viewed(request.user, mark, what="delivery:mark-change")
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


# A report of more people than this, not narrowed by the filter, shows its projects and
# groups only on the page (the whole country: 3000 people, 1000 JST); the XLSX has everyone.
REPORT_PEOPLE_ON_PAGE = 600


def _report(request: AuthenticatedRequest, *, page: bool = False):
    everything = selectors.report_participants_for(request.user)
    form = forms.ReportFilterForm(request.GET or None, **selectors.report_choices(everything))
    filters = form.filters()
    participants = selectors.report_participants_for(request.user, **filters)
    if page and not any(filters.values()) and participants.count() > REPORT_PEOPLE_ON_PAGE:
        return form, reports.build_totals(participants)
    return form, reports.build(participants)


@permission_required(Capability.SEE_ATTENDANCE)
def report(request: AuthenticatedRequest) -> HttpResponse:
    form, built = _report(request, page=True)
    shown = len(built.participants) if built.detailed else 0
    audit.viewed(request.user, Participant, what="delivery:report", count=shown)
    query = request.GET.urlencode()
    return render(request, "delivery/report.html", {"form": form, "report": built, "query": query})


@permission_required(Capability.SEE_ATTENDANCE)
def report_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    _form, built = _report(request)
    people = len(built.participants)
    audit.viewed(request.user, Participant, what="delivery:report-xlsx", count=people)
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
    context = {"participations": rows, "today": timezone.localdate()}
    return render(request, "delivery/my_training.html", context)
