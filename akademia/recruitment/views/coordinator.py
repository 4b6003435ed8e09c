"""The JST coordinator's pages: their applications, withdrawal, participants' data."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.recruitment import confirmations, forms, selectors, services
from akademia.recruitment.models import ApplicationStatus


@permission_required(Capability.FOLLOW_OWN_APPLICATIONS)
def my_applications(request: AuthenticatedRequest):
    return render(
        request,
        "recruitment/my_applications.html",
        {"applications": selectors.own_applications(request.user)},
    )


def _own_application(request: AuthenticatedRequest, pk: int):
    """The coordinator's own application: out of scope is 404 (as for any row), in scope but
    not the coordinator (an operator, a participant) is 403."""
    application = selectors.application_get_for(request.user, pk)
    if not can(request.user, Capability.FOLLOW_OWN_APPLICATIONS):
        raise PermissionDenied
    return application


def application_withdraw(request: AuthenticatedRequest, pk: int):
    """GET: what withdrawing does (docs/confirmations.md); POST: withdraw."""
    application = _own_application(request, pk)

    def act():
        added = services.application_withdraw(actor=request.user, application=application)
        messages.success(request, _("The application is withdrawn."))
        if added is not None:
            messages.info(request, _("The place went to the next JST on the waiting list."))
        return redirect("recruitment:my-applications")

    return confirm_page(request, lambda: confirmations.application_withdraw(application), act)


def application_participants(request: AuthenticatedRequest, pk: int):
    application = _own_application(request, pk)
    if application.status != ApplicationStatus.SELECTED:
        raise Http404
    members = list(application.team.all())
    rows = [
        (
            member,
            forms.MonitoringForm(
                request.POST or None,
                prefix=f"m{member.pk}",
                initial={
                    "gender": member.gender,
                    "age_group": member.age_group,
                    "education": member.education,
                },
            ),
        )
        for member in members
    ]
    if request.method == "POST" and all(form.is_valid() for _member, form in rows):
        try:
            services.monitoring_save(
                actor=request.user,
                application=application,
                rows={member.pk: form.cleaned_data for member, form in rows},
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The participants' data is saved."))
            return redirect("recruitment:my-applications")
    audit.viewed(request.user, application, what="recruitment:participants", count=len(rows))
    return render(
        request, "recruitment/participants.html", {"application": application, "rows": rows}
    )
