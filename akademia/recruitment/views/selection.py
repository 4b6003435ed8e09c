"""Operators: running the selection, its results (and whether they are stale), publishing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.recruitment import selectors, services
from akademia.recruitment.models import SELECTABLE, ApplicationStatus
from akademia.recruitment.reasons import quota_labels


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def call_select(request: AuthenticatedRequest, pk: int):
    call = selectors.call_get_for(request.user, pk)
    try:
        run = services.selection_run(actor=request.user, call=call)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("recruitment:call-detail", pk=call.pk)
    if run.feasible:
        messages.success(request, _("The selection is done; read the reasons below."))
    else:
        messages.error(request, _("The quotas cannot all be met; see what binds below."))
    return redirect("recruitment:call-results", pk=call.pk)


@permission_required(Capability.RUN_RECRUITMENT)
def call_results(request: AuthenticatedRequest, pk: int):
    call = selectors.call_get_for(request.user, pk)
    run = selectors.latest_run(call)
    applications = selectors.application_list_for(request.user, call=call).filter(
        status__in=[*SELECTABLE, ApplicationStatus.WITHDRAWN]
    )
    order = {ApplicationStatus.SELECTED: 0, ApplicationStatus.WAITING: 1}
    rows = sorted(
        applications,
        key=lambda a: (order.get(a.status, 2), a.waiting_position or 0, -a.score, a.pk),
    )
    labels = quota_labels(run.result if run else None)
    context = {
        "call": call,
        "run": run,
        "rows": rows,
        "result": run.result if run else None,
        "stale": services.stale_notice(run),
        "labels": labels,
        "binding": [
            labels.get(code, code) for code in (run.result if run else {}).get("binding_quotas", ())
        ],
    }
    return render(request, "recruitment/call_results.html", context)


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def call_publish(request: AuthenticatedRequest, pk: int):
    call = selectors.call_get_for(request.user, pk)
    try:
        services.selection_publish(actor=request.user, call=call)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The results are published and the applicants notified."))
    return redirect("recruitment:call-results", pk=call.pk)
