"""Operators: projects (list, set-up, page, editing)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.recruitment import forms, selectors, services


@permission_required(Capability.RUN_RECRUITMENT)
def project_list(request: AuthenticatedRequest):
    return render(
        request,
        "recruitment/project_list.html",
        {
            "projects": selectors.project_list_for(request.user),
            "can_create": can(request.user, Capability.CREATE_RECRUITMENT_PROJECTS),
        },
    )


@permission_required(Capability.CREATE_RECRUITMENT_PROJECTS)
def project_create(request: AuthenticatedRequest):
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("recruitment:project-detail", pk=project.pk)
    return render(request, "recruitment/project_create.html", {"form": form})


@permission_required(Capability.RUN_RECRUITMENT)
def project_detail(request: AuthenticatedRequest, pk: int):
    project = selectors.project_get_for(request.user, pk)
    context = {
        "project": project,
        "calls": selectors.call_list_for(request.user, project),
        "teams": selectors.enrolled_teams(project),
    }
    return render(request, "recruitment/project_detail.html", context)


@permission_required(Capability.RUN_RECRUITMENT)
def project_edit(request: AuthenticatedRequest, pk: int):
    project = selectors.project_get_for(request.user, pk)
    rules = services.project_edit_rules(project, request.user)
    form = forms.ProjectForm(request.POST or None, instance=project, rules=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("recruitment:project-detail", pk=project.pk)
    context = {
        "form": form,
        "project": project,
        "history": selectors.edit_history(project, field_labels(form)),
    }
    return render(request, "recruitment/project_edit.html", context)


def field_labels(form) -> dict[str, str]:
    """Names of the fields an audit entry lists as changed, as the form labels them."""
    return {name: field.label for name, field in form.fields.items()} | {"team": _("Team")}
