"""Advisory support (doradztwo): assignments, visits and sessions, confirmation, hours."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.delivery import (
    confirmations,
    exports,
    forms,
    selectors,
    services,
)
from akademia.delivery.models import AdvisoryStatus
from akademia.programmes.models import AdvisoryMode

# Advisory support (doradztwo) ---------------------------------------------------------------


# The national report has a line per enrolled JST (about 1000): a page of them at a time; the
# sums per advisor and project stay whole, and the XLSX has every line.
JSTS_ON_PAGE = 100


@permission_required(Capability.SEE_ADVISORY)
def advisory_list(request: AuthenticatedRequest) -> HttpResponse:
    """The hours of the reader's scope per JST, advisor and project; a coordinator's entries to
    confirm, an advisor's next visits, an operator's projects to assign advisors in."""
    projects = selectors.advisory_report_projects_for(request.user)
    form = forms.AdvisoryFilterForm(request.GET or None, projects=projects)
    report = selectors.advisory_report_for(request.user, project=form.project())
    context = {
        "form": form,
        "query": request.GET.urlencode(),
        "report": report,
        "page": Paginator(report.jsts, JSTS_ON_PAGE).get_page(request.GET.get("page")),
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
