"""Operators: running the selection, its results (and whether they are stale), publishing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.confirm import confirm_page
from akademia.recruitment import confirmations, selectors, services
from akademia.recruitment.models import SELECTABLE, ApplicationStatus
from akademia.recruitment.reasons import quota_labels


@permission_required(Capability.RUN_RECRUITMENT)
def call_select(request: AuthenticatedRequest, pk: int):
    """GET: what running the selection does (docs/confirmations.md); POST: run it."""
    call = selectors.call_get_for(request.user, pk)

    def act():
        run = services.selection_run(actor=request.user, call=call)
        if run.feasible:
            messages.success(request, _("The selection is done; read the reasons below."))
        else:
            messages.error(request, _("The quotas cannot all be met; see what binds below."))
        return redirect("recruitment:call-results", pk=call.pk)

    return confirm_page(request, lambda: confirmations.selection_run(call), act)


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


@permission_required(Capability.RUN_RECRUITMENT)
def call_publish(request: AuthenticatedRequest, pk: int):
    """GET: who gets which result, with the e-mails (docs/confirmations.md); POST: publish."""
    call = selectors.call_get_for(request.user, pk)

    def act():
        services.selection_publish(actor=request.user, call=call)
        messages.success(request, _("The results are published and the applicants notified."))
        return redirect("recruitment:call-results", pk=call.pk)

    return confirm_page(request, lambda: confirmations.selection_publish(call), act)
