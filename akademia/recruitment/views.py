"""Pages of recruitment: the public application, the coordinator's, and the operators' review."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.decorators import rule_required
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.recruitment import forms, selecting, selectors, services
from akademia.recruitment.models import (
    SELECTABLE,
    ApplicationStatus,
    CallStatus,
    CriterionCode,
)
from akademia.recruitment.permissions import (
    can_create_projects,
    can_follow_own_applications,
    can_run_recruitment,
    can_see_applications,
)
from akademia.territory.kinds import ExchangeGroupKind

# Public: open calls and the application -----------------------------------------------------


@login_not_required
def open_calls(request):
    return render(request, "recruitment/open_calls.html", {"calls": selectors.open_calls()})


@login_not_required
def application_create(request, pk: int):
    call = selectors.open_call_get(pk)
    return _application_page(request, call, None)


@login_not_required
def application_edit(request, token):
    application = selectors.application_by_token(token)
    if not application.is_editable:
        return render(request, "recruitment/application_status.html", {"application": application})
    return _application_page(request, application.call, application)


def _problems_to_forms(error, form, team_errors: list) -> None:
    for field, message in getattr(error, "problems", [(error.field, error.message)]):
        if field in form.fields:
            form.add_error(field, message)
        elif field == "team":
            team_errors.append(message)
        else:
            form.add_error(None, message)


def _application_page(request, call, application):
    """One page for a new application and for a draft: save a draft, or submit.

    A failed submit keeps everything typed; when the JST, the coordinator and the file are
    acceptable the draft is stored first, so the uploaded letter is kept too. A refused file
    stores nothing.
    """
    form = forms.ApplicationForm(
        request.POST or None, request.FILES or None, call=call, application=application
    )
    team = forms.team_formset(request.POST or None, call=call, application=application)
    team_errors: list[str] = []
    if request.method == "POST" and form.draft_ready():
        team_ok = team.is_valid()
        rows = [row for row in (f.row() for f in team.forms) if row]
        new = application is None
        try:
            application = services.application_save(
                call=call, data=form.data_for(rows), application=application, actor=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            submit = "submit" in request.POST
            if form.is_valid() and team_ok:
                if not submit:
                    messages.success(request, _("The draft is saved."))
                    return redirect("recruitment:application-edit", token=application.token)
                try:
                    services.application_submit(application=application, actor=request.user)
                except services.ApplicationIncomplete as error:
                    _problems_to_forms(error, form, team_errors)
                else:
                    messages.success(request, _submitted_message(application))
                    return redirect("recruitment:application-edit", token=application.token)
            if new:
                messages.info(
                    request,
                    _("The application is saved as a draft with the letter; correct it below."),
                )
            # Re-render at the draft's own address, so the next post updates it.
            form.show_saved(application)
    context = {
        "call": call,
        "application": application,
        "form": form,
        "team": team,
        "team_errors": team_errors,
    }
    return render(request, "recruitment/application_form.html", context)


def _submitted_message(application) -> str:
    if application.email_confirmed_at:
        return _("The application is submitted.")
    return _(
        "The application is submitted. We have sent a link to confirm the e-mail address to "
        "%(email)s: the application goes to review once it is confirmed."
    ) % {"email": application.coordinator_email}


@login_not_required
def application_confirm(request, code: str):
    try:
        application = services.application_for_code(code)
    except DomainError as error:
        return render(request, "recruitment/confirm_failed.html", {"error": error}, status=400)
    user = services.application_confirm_email(application=application)
    return render(
        request, "recruitment/confirmed.html", {"application": application, "account": user}
    )


# The JST coordinator -----------------------------------------------------------------------


@rule_required(can_follow_own_applications)
def my_applications(request):
    return render(
        request,
        "recruitment/my_applications.html",
        {"applications": selectors.own_applications(request.user)},
    )


def _own_application(request, pk: int):
    """The coordinator's own application: out of scope is 404 (as for any row), in scope but
    not the coordinator (an operator, a participant) is 403."""
    application = selectors.application_get_for(request.user, pk)
    if not can_follow_own_applications(request.user):
        raise PermissionDenied
    return application


@require_POST
def application_withdraw(request, pk: int):
    application = _own_application(request, pk)
    try:
        added = selecting.application_withdraw(actor=request.user, application=application)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The application is withdrawn."))
        if added is not None:
            messages.info(request, _("The place went to the next JST on the waiting list."))
    return redirect("recruitment:my-applications")


def application_participants(request, pk: int):
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
    return render(
        request, "recruitment/participants.html", {"application": application, "rows": rows}
    )


# Operators: projects and calls -------------------------------------------------------------


@rule_required(can_run_recruitment)
def project_list(request):
    return render(
        request,
        "recruitment/project_list.html",
        {
            "projects": selectors.project_list_for(request.user),
            "can_create": can_create_projects(request.user),
        },
    )


@rule_required(can_create_projects)
def project_create(request):
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("recruitment:project-detail", pk=project.pk)
    return render(request, "recruitment/project_create.html", {"form": form})


@rule_required(can_run_recruitment)
def project_detail(request, pk: int):
    project = selectors.project_get_for(request.user, pk)
    context = {
        "project": project,
        "calls": selectors.call_list_for(request.user, project),
        "teams": selectors.enrolled_teams(project),
    }
    return render(request, "recruitment/project_detail.html", context)


@rule_required(can_run_recruitment)
def call_create(request, pk: int):
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


@rule_required(can_run_recruitment)
def call_detail(request, pk: int):
    call = selectors.call_get_for(request.user, pk)
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    county = request.GET.get("county", "")
    applications = selectors.application_list_for(
        request.user, call=call, status=status, kind=kind, county=county
    )
    context = {
        "call": call,
        "applications": applications,
        "filters": {"status": status, "kind": kind, "county": county},
        "statuses": forms.STATUS_FILTER_CHOICES,
        "kinds": ExchangeGroupKind.choices,
        "counties": selectors.counties_of(call, request.user),
        "counts": selectors.status_counts(call, request.user),
        "points": json.dumps(selectors.map_points(applications)),
        "run": selectors.latest_run(call),
        "next_statuses": [
            (s, CallStatus(s).label) for s in call_transitions(call) if s != CallStatus.PUBLISHED
        ],
    }
    template = "recruitment/call_detail.html"
    if request.htmx:
        return render(request, f"{template}#applications", context)
    return render(request, template, context)


def call_transitions(call) -> tuple[str, ...]:
    from akademia.recruitment.models import CALL_TRANSITIONS

    return CALL_TRANSITIONS[call.status]


@require_POST
@rule_required(can_run_recruitment)
def call_status(request, pk: int):
    call = selectors.call_get_for(request.user, pk)
    try:
        services.call_set_status(actor=request.user, call=call, status=request.POST.get("status"))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Status changed."))
    return redirect("recruitment:call-detail", pk=call.pk)


@rule_required(can_run_recruitment)
def call_criteria(request, pk: int):
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


@rule_required(can_run_recruitment)
def call_quotas(request, pk: int):
    call = selectors.call_get_for(request.user, pk)
    formset = forms.quota_formset(request.POST or None, call=call)
    error = None
    if request.method == "POST" and formset.is_valid():
        rows = [row for row in (f.row() for f in formset.forms) if row]
        try:
            services.quotas_set(actor=request.user, call=call, rows=rows)
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, _("The quotas are saved."))
            return redirect("recruitment:call-detail", pk=call.pk)
    return render(
        request,
        "recruitment/call_quotas.html",
        {"formset": formset, "call": call, "error": error},
    )


@require_POST
@rule_required(can_run_recruitment)
def call_select(request, pk: int):
    call = selectors.call_get_for(request.user, pk)
    try:
        run = selecting.selection_run(actor=request.user, call=call)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("recruitment:call-detail", pk=call.pk)
    if run.feasible:
        messages.success(request, _("The selection is done; read the reasons below."))
    else:
        messages.error(request, _("The quotas cannot all be met; see what binds below."))
    return redirect("recruitment:call-results", pk=call.pk)


@rule_required(can_run_recruitment)
def call_results(request, pk: int):
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
    return render(
        request,
        "recruitment/call_results.html",
        {"call": call, "run": run, "rows": rows, "result": run.result if run else None},
    )


@require_POST
@rule_required(can_run_recruitment)
def call_publish(request, pk: int):
    call = selectors.call_get_for(request.user, pk)
    try:
        selecting.selection_publish(actor=request.user, call=call)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The results are published and the applicants notified."))
    return redirect("recruitment:call-results", pk=call.pk)


# Applications: review ----------------------------------------------------------------------


@rule_required(can_see_applications)
def application_detail(request, pk: int):
    application = selectors.application_get_for(request.user, pk)
    operator = can_run_recruitment(request.user)
    context = {
        "application": application,
        "operator": operator,
        "problems": services.submission_problems(application),
        # Labels in the reader's language (the stored ones are in the language of the scoring).
        "score_parts": [
            {**part, "label": CriterionCode(part["code"]).label} for part in application.score_parts
        ],
        "trail": audit.trail(application) if operator else [],
        "corrections_form": forms.CorrectionsForm(),
        "score_form": forms.ScoreForm(initial={"points": application.manual_points}),
        "override_form": forms.OverrideForm(
            initial={"override": application.override, "reason": application.override_reason}
        ),
        "has_manual": application.call.criteria.filter(code=CriterionCode.MANUAL).exists(),
        "selectable": application.status in SELECTABLE,
    }
    return render(request, "recruitment/application_detail.html", context)


@rule_required(can_see_applications)
def application_letter(request, pk: int):
    application = selectors.application_get_for(request.user, pk)
    if not application.letter:
        raise Http404
    return FileResponse(
        application.letter.open("rb"),
        as_attachment=True,
        filename=application.letter_name or "list-intencyjny.pdf",
        content_type="application/pdf",
    )


def _review_action(request, pk: int, action):
    application = selectors.application_get_for(request.user, pk)
    try:
        action(application)
    except DomainError as error:
        for _field, message in getattr(error, "problems", [(None, error.message)]):
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("recruitment:application-detail", pk=application.pk)


@require_POST
@rule_required(can_run_recruitment)
def application_complete(request, pk: int):
    return _review_action(
        request,
        pk,
        lambda a: services.application_mark_complete(actor=request.user, application=a),
    )


@require_POST
@rule_required(can_run_recruitment)
def application_corrections(request, pk: int):
    note = request.POST.get("note", "")
    return _review_action(
        request,
        pk,
        lambda a: services.application_request_corrections(
            actor=request.user, application=a, note=note
        ),
    )


@require_POST
@rule_required(can_run_recruitment)
def application_score(request, pk: int):
    form = forms.ScoreForm(request.POST)
    points = form.cleaned_data.get("points") if form.is_valid() else -1

    def score(application):
        if points == -1:
            raise DomainError(_("Give from 0 to 10 points."))
        services.application_set_manual_points(
            actor=request.user, application=application, points=points
        )

    return _review_action(request, pk, score)


@require_POST
@rule_required(can_run_recruitment)
def application_override(request, pk: int):
    form = forms.OverrideForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"override": "?", "reason": ""}
    return _review_action(
        request,
        pk,
        lambda a: selecting.application_set_override(
            actor=request.user, application=a, override=data["override"], reason=data["reason"]
        ),
    )
