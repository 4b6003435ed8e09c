"""Views of the SM EFS data: the form a participant (or their coordinator) fills, the operator's
page of a project (whose data is missing) and the two files, streamed."""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.efs import forms, selectors, services, smefs

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@permission_required(Capability.FILL_MONITORING_DATA)
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    """The people whose data this person gives: themselves, or (a coordinator) the JST's."""
    return render(request, "efs/my_data.html", {"entries": selectors.entries_for(request.user)})


@permission_required(Capability.FILL_MONITORING_DATA)
def data_edit(request: AuthenticatedRequest, project: int, person: int) -> HttpResponse:
    participation = selectors.participation_for(request.user, project_pk=project, person_pk=person)
    data = selectors.data_for(request.user, participation=participation)
    if data is not None and participation.user_id != request.user.pk:
        audit.viewed(request.user, data, what="efs:data-edit")
    ended = selectors.has_ended(participation)
    form = forms.MonitoringDataForm(
        request.POST or None, ended=ended, initial=forms.MonitoringDataForm.initial_from(data)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.monitoring_data_save(
                actor=request.user, participation=participation, answers=form.answers()
            )
        except DomainError as refused:
            add_domain_error(form, refused)
        else:
            messages.success(request, _("The data were saved. Thank you."))
            return redirect("efs:my-data")
    context = {"form": form, "participation": participation, "data": data, "ended": ended}
    return render(request, "efs/data_form.html", context)


@permission_required(Capability.EDIT_INSTITUTION_DATA)
def institution_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    jst, data = selectors.institution_for(request.user, code=code)
    form = forms.InstitutionForm(request.POST or None, instance=data)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.institution_data_save(actor=request.user, jst=jst, values=values)
        except DomainError as refused:
            add_domain_error(form, refused)
        else:
            messages.success(request, _("The JST's data were saved."))
            return redirect("efs:institution-edit", code=jst.code)
    return render(request, "efs/institution_form.html", {"form": form, "jst": jst})


@permission_required(Capability.EXPORT_MONITORING_DATA)
def project_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "efs/project_list.html", {"rows": selectors.projects_for(request.user)})


@permission_required(Capability.EXPORT_MONITORING_DATA)
def project_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Whose data is still missing, the project's number, and the two files."""
    project = selectors.project_for(request.user, pk)
    number = selectors.project_number(project)
    form = forms.ProjectNumberForm(
        request.POST or None,
        initial={"number": number.number, "support_scope": number.support_scope} if number else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_number_save(actor=request.user, project=project, **form.cleaned_data)
        except DomainError as refused:
            add_domain_error(form, refused)
        else:
            messages.success(request, _("The project's number was saved."))
            return redirect("efs:project-detail", pk=project.pk)
    _number, people = selectors.export_people(project)
    _number, units = selectors.export_institutions(project)
    context = {
        "project": project,
        "number": number,
        "form": form,
        "people": len(people),
        "missing": [
            (p, [what for what in p.missing if what != "project_number"])
            for p in people
            if set(p.missing) - {"project_number"}
        ],
        "units": units,
        "labels": smefs.MISSING_LABELS,
    }
    audit.viewed(request.user, project, what="efs:project-detail", count=len(context["missing"]))
    return render(request, "efs/project_detail.html", context)


def _stream(rows, header, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(smefs.csv_lines(header, rows), content_type=CSV_CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}_{stamp}.csv"'
    return response


@permission_required(Capability.EXPORT_MONITORING_DATA)
def participants_csv(request: AuthenticatedRequest, pk: int) -> StreamingHttpResponse:
    project = selectors.project_for(request.user, pk)
    rows = services.participants_export(actor=request.user, project=project)
    return _stream(rows, smefs.PARTICIPANT_COLUMNS, f"sm-efs-uczestnicy-{project.pk}")


@permission_required(Capability.EXPORT_MONITORING_DATA)
def institutions_csv(request: AuthenticatedRequest, pk: int) -> StreamingHttpResponse:
    project = selectors.project_for(request.user, pk)
    rows = services.institutions_export(actor=request.user, project=project)
    return _stream(rows, smefs.INSTITUTION_COLUMNS, f"sm-efs-instytucje-{project.pk}")
