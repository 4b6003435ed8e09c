"""Operators: a call's set-up and page (applications, filters, map), status, criteria, quotas."""

import json

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.recruitment import forms, selectors, services
from akademia.recruitment.models import CALL_TRANSITIONS, ApplicationStatus, CallStatus
from akademia.recruitment.views.projects import field_labels
from akademia.territory.kinds import ExchangeGroupKind


@permission_required(Capability.RUN_RECRUITMENT)
def call_create(request: AuthenticatedRequest, pk: int):
    project = selectors.project_get_for(request.user, pk)
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(actor=request.user, project=project, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The call is created. Set its quotas next."))
            return redirect("recruitment:call-detail", pk=call.pk)
    return render(request, "recruitment/call_create.html", {"form": form, "project": project})


@permission_required(Capability.RUN_RECRUITMENT)
def call_edit(request: AuthenticatedRequest, pk: int):
    """Edit a call within the rules of its status; each rule is stated under its field."""
    call = selectors.call_get_for(request.user, pk)
    form = forms.CallForm(request.POST or None, call=call, rules=services.call_edit_rules(call))
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(actor=request.user, call=call, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("recruitment:call-detail", pk=call.pk)
    context = {
        "form": form,
        "call": call,
        "history": selectors.edit_history(call, field_labels(form)),
    }
    return render(request, "recruitment/call_edit.html", context)


@permission_required(Capability.RUN_RECRUITMENT)
def call_detail(request: AuthenticatedRequest, pk: int):
    call = selectors.call_get_for(request.user, pk)
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    county = request.GET.get("county", "")
    applications = selectors.application_list_for(
        request.user, call=call, status=status, kind=kind, county=county
    )
    # The map's markers travel with the list (a data attribute of the swapped partial), so
    # the map shows exactly the filtered applications the table lists, in the same scope.
    context = {
        "call": call,
        "applications": applications,
        "points": json.dumps(selectors.map_points(applications)),
    }
    template = "recruitment/call_detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{template}#applications", context)
    run = selectors.latest_run(call)
    context |= {
        "filters": {"status": status, "kind": kind, "county": county},
        "statuses": forms.STATUS_FILTER_CHOICES,
        "kinds": ExchangeGroupKind.choices,
        "counties": selectors.counties_of(call, request.user),
        "counts": status_counts(selectors.status_counts(call, request.user)),
        "quotas": selectors.quota_rows(call),
        "run": run,
        "stale": services.stale_notice(run),
        "next_statuses": [
            (s, CallStatus(s).label) for s in call_transitions(call) if s != CallStatus.PUBLISHED
        ],
    }
    return render(request, template, context)


def status_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) of the statuses the call's applications have, in the statuses' order."""
    return [
        (label, counts[status]) for status, label in ApplicationStatus.choices if status in counts
    ]


def call_transitions(call) -> tuple[str, ...]:
    return CALL_TRANSITIONS[call.status]


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def call_status(request: AuthenticatedRequest, pk: int):
    call = selectors.call_get_for(request.user, pk)
    try:
        services.call_set_status(actor=request.user, call=call, status=request.POST.get("status"))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Status changed."))
    return redirect("recruitment:call-detail", pk=call.pk)


@permission_required(Capability.RUN_RECRUITMENT)
def call_criteria(request: AuthenticatedRequest, pk: int):
    call = selectors.call_get_for(request.user, pk)
    form = forms.CriteriaForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.criteria_set(actor=request.user, call=call, weights=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The criteria are saved and the applications rescored."))
            return redirect("recruitment:call-detail", pk=call.pk)
    return render(request, "recruitment/call_criteria.html", {"form": form, "call": call})


@permission_required(Capability.RUN_RECRUITMENT)
def call_quotas(request: AuthenticatedRequest, pk: int):
    """The quota editor. "Add a quota" and "Remove" post the rows typed so far and show them
    again with one more or one fewer (nothing is saved, and it works without JavaScript);
    "Save the quotas" hands the rows to the service."""
    call = selectors.call_get_for(request.user, pk)
    formset = forms.quota_formset(request.POST or None, call=call)
    action = request.POST.get("action", "save")
    error = None
    if request.method == "POST" and action != "save":
        rows = formset.typed()
        focus = None
        if action == "add":
            rows.append({"unit": "jst"})
            focus = len(rows) - 1
        elif action.startswith("remove-") and action[7:].isdigit():
            index = int(action[7:])
            rows = rows[:index] + rows[index + 1 :]
            focus = min(index, len(rows) - 1)
        formset = forms.quota_formset(call=call, initial=rows)
        if focus is not None and focus >= 0:
            # The row added, or the one that took the removed row's place, gets the focus.
            formset.forms[focus].fields["target"].widget.attrs["autofocus"] = True
    elif request.method == "POST" and formset.is_valid():
        try:
            services.quotas_set(actor=request.user, call=call, rows=formset.rows())
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("The quotas are saved."))
            return redirect("recruitment:call-detail", pk=call.pk)
    return render(
        request,
        "recruitment/call_quotas.html",
        {"formset": formset, "call": call, "error": error},
    )
