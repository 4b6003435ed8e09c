"""Setting the indicator targets: an operator for the projects of their scope, the national
operator also for the programme as a whole."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.reporting import curves, selectors, services
from akademia.reporting.forms import TargetForm


@permission_required(Capability.SET_TARGETS)
def targets(request: AuthenticatedRequest) -> HttpResponse:
    national = can(request.user, Capability.SET_NATIONAL_TARGETS)
    projects = selectors.target_projects_for(request.user)
    form = TargetForm(request.POST or None, projects=projects, national=national)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_set(
                actor=request.user,
                project=form.project(),
                indicator=data["indicator"],
                category=data["category"] or "",
                value=data["value"],
                curve=data["curve"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The target was saved."))
            return redirect("reporting:targets")
    rows = [(t, curves.text_of(t.curve)) for t in selectors.target_list_for(request.user)]
    return render(request, "reporting/targets.html", {"form": form, "rows": rows})
