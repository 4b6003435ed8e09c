"""Planning pages: projects, venues, trainers, planner runs, plans (map, calendars, edits,
comparison, publication) and a JST's own training dates."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.collation import polish_alphabet_key
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.core.jobs import job_is_stale, jobs_reap
from akademia.core.models import JobStatus
from akademia.planning import confirmations, selectors, services, summary
from akademia.planning import messages as plan_messages
from akademia.planning import problem as problems
from akademia.planning.forms import (
    ChangeTrainerForm,
    MoveMeetingForm,
    MoveTeamForm,
    RunForm,
    TrainerForm,
    VenueForm,
)
from akademia.planning.models import PlanStatus
from akademia.recruitment.selectors import enrolled_teams


@permission_required(Capability.PLAN_TRAINING)
def project_list(request: AuthenticatedRequest) -> HttpResponse:
    projects = selectors.project_list_for(request.user)
    return render(
        request,
        "planning/project_list.html",
        {"projects": projects},
    )


@permission_required(Capability.PLAN_ALL_PROJECTS)
def plan_start_all(request: AuthenticatedRequest) -> HttpResponse:
    """GET: what planning every project would start and pass over; POST: start it."""

    def act():
        projects = selectors.project_list_for(request.user)
        started, skipped = services.plan_start_all(
            actor=request.user, projects=projects, parameters={}
        )
        messages.success(
            request, _("The planner was started for %(count)d projects.") % {"count": len(started)}
        )
        for project, reason in skipped:
            messages.warning(
                request,
                _("Passed over: %(project)s. %(reason)s") % {"project": project, "reason": reason},
            )
        return redirect("planning:project-list")

    return confirm_page(request, lambda: confirmations.plan_start_all(request.user), act)


def _run_form(project, data=None):
    versions = list(selectors.project_versions(project))
    initial = {"version": versions[0].pk if versions else None}
    return RunForm(data, versions=versions, initial=initial)


@permission_required(Capability.PLAN_TRAINING)
def project_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    return _project_page(request, project, _run_form(project))


def _project_page(request: AuthenticatedRequest, project, form) -> HttpResponse:
    context = {
        "project": project,
        "form": form,
        "plans": selectors.plan_list_for(request.user, project),
        "venues": selectors.venue_list_for(request.user, project),
        "trainers": selectors.trainer_list_for(request.user, project),
        "teams": enrolled_teams(project),
    }
    return render(request, "planning/project_detail.html", context)


@require_POST
@permission_required(Capability.PLAN_TRAINING)
def plan_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    form = _run_form(project, request.POST)
    if form.is_valid():
        try:
            plan = services.plan_start(
                actor=request.user, project=project, parameters=form.parameters()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("planning:plan-detail", pk=plan.pk)
    return _project_page(request, project, form)


@permission_required(Capability.PLAN_TRAINING)
def problem_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    try:
        data = problems.build_problem(project)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("planning:project-detail", pk=project.pk)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="plan-problem-{project.pk}.json"'
    return response


@require_POST
@permission_required(Capability.PLAN_TRAINING)
def venues_defaults(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    count = services.venues_ensure_defaults(actor=request.user, project=project)
    messages.success(request, _("%(count)d venues created.") % {"count": count})
    return redirect("planning:project-detail", pk=project.pk)


def _edit(request, project, form, service, template_title, **kwargs):
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, project=project, **kwargs, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("planning:project-detail", pk=project.pk)
    return render(
        request,
        "planning/edit.html",
        {"form": form, "project": project, "title": template_title},
    )


@permission_required(Capability.PLAN_TRAINING)
def venue_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    form = VenueForm(request.POST or None)
    return _edit(request, project, form, services.venue_save, _("New venue"))


@permission_required(Capability.PLAN_TRAINING)
def venue_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for(request.user, pk)
    form = VenueForm(request.POST or None, instance=venue)
    return _edit(request, venue.project, form, services.venue_save, venue.name, venue=venue)


@permission_required(Capability.PLAN_TRAINING)
def trainer_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    form = TrainerForm(request.POST or None)
    return _edit(request, project, form, services.trainer_save, _("New trainer"))


@permission_required(Capability.PLAN_TRAINING)
def trainer_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trainer = selectors.trainer_get_for(request.user, pk)
    form = TrainerForm(request.POST or None, instance=trainer)
    return _edit(
        request, trainer.project, form, services.trainer_save, trainer.name, trainer=trainer
    )


def _delete(request, obj, project, service, blocker, kind: str):
    """A confirmation page (GET) and the deletion (POST); a refusal is shown on the page."""
    error = blocker(obj)
    if request.method == "POST" and not error:
        try:
            service(actor=request.user, **{kind: obj})
        except DomainError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("Deleted: %(name)s.") % {"name": obj.name})
            return redirect("planning:project-detail", pk=project.pk)
    context = {"project": project, "object": obj, "kind": kind, "error": error}
    return render(request, "planning/delete.html", context)


@permission_required(Capability.PLAN_TRAINING)
def venue_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for(request.user, pk)
    return _delete(
        request,
        venue,
        venue.project,
        services.venue_delete,
        services.venue_delete_blocker,
        "venue",
    )


@permission_required(Capability.PLAN_TRAINING)
def trainer_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trainer = selectors.trainer_get_for(request.user, pk)
    return _delete(
        request,
        trainer,
        trainer.project,
        services.trainer_delete,
        services.trainer_delete_blocker,
        "trainer",
    )


# Plans ---------------------------------------------------------------------------------------


def _edit_forms(request, plan, data=None, which="") -> dict:
    """The forms that change a plan, keyed "team", "meeting", "trainer"; {} when it cannot be
    changed. Only the form named by `which` is bound to `data`."""
    if not plan.is_editable:
        return {}
    groups = [(g["id"], f"{g['id']} ({g['size']})") for g in plan.result["groups"]]
    teams = sorted(
        ((str(t["id"]), t.get("name", t["id"])) for t in plan.problem["teams"]),
        key=lambda pair: polish_alphabet_key(str(pair[1])),
    )
    modules = range(1, int((plan.problem.get("calendar") or {}).get("modules", 0)) + 1)
    trainers = [
        (t.solver_id, t.name)
        for t in selectors.trainer_list_for(request.user, plan.project)
        if t.active  # one switched off is not offered; one already in the plan stays shown there
    ]

    def bound(name):
        return data if which == name else None

    return {
        "team": MoveTeamForm(bound("team"), teams=teams, groups=groups, prefix="team"),
        "meeting": MoveMeetingForm(
            bound("meeting"), groups=groups, modules=modules, prefix="meeting"
        ),
        "trainer": ChangeTrainerForm(
            bound("trainer"), groups=groups, modules=modules, trainers=trainers, prefix="trainer"
        ),
    }


@permission_required(Capability.PLAN_TRAINING)
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for(request.user, pk)
    if plan.job is not None and job_is_stale(plan.job):
        # The planner's worker is gone: queue it again or fail it now, even with no worker alive.
        jobs_reap(job=plan.job)
        plan.job.refresh_from_db()
    if request.htmx and (plan.status != PlanStatus.DRAFT or _job_stopped(plan)):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return _plan_page(request, plan)


def _job_stopped(plan) -> bool:
    """The planner's job ended without solving the plan (failed or cancelled)."""
    return plan.job is not None and plan.job.status in {JobStatus.FAILED, JobStatus.CANCELLED}


def _plan_page(request, plan, bound: dict | None = None):
    """The plan page; `bound` holds a posted form with its errors ({"team": form})."""
    forms = _edit_forms(request, plan) | (bound or {})
    change_trainer = forms.get("trainer")
    if change_trainer is not None and "trainer" not in (bound or {}):
        # Offered when the plan was made with trainers and the project still has some.
        calendar = plan.problem.get("calendar") or {}
        if not calendar.get("trainers_per_meeting") or not change_trainer.fields["trainer"].choices:
            change_trainer = None
    context = {
        "plan": plan,
        "job_stopped": _job_stopped(plan),
        "figures": summary.figures(plan),
        "reason": plan_messages.reason_text(plan.reason, plan=plan),
        "violations": plan_messages.violations(plan),
        "calendars": summary.calendars(plan) if plan.result else None,
        "legend": summary.map_legend(plan) if plan.result else None,
        "others": selectors.plan_list_for(request.user, plan.project).exclude(pk=plan.pk),
        "move_team": forms.get("team"),
        "move_meeting": forms.get("meeting"),
        "change_trainer": change_trainer,
        "outline": _outline_url(plan.project),
        "publish_blocked": _publish_blocked(plan),
    }
    template = "planning/plan_detail.html"
    return render(request, f"{template}#pending" if request.htmx else template, context)


def _publish_blocked(plan) -> str:
    """Why a plan that meets every rule cannot be published after all (deleted venues or
    trainers, dates past or outside the project's)."""
    return services.plan_publish_blocker(plan) if plan.can_publish else ""


def _outline_url(project) -> str:
    if project.voivodeship_id:
        return reverse("territory:map-voivodeship", args=[project.voivodeship.code])
    return reverse("territory:map-poland")


@permission_required(Capability.PLAN_TRAINING)
def plan_map_data(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for(request.user, pk)
    if not plan.result:
        return JsonResponse({"venues": [], "teams": []})
    return JsonResponse(summary.map_data(plan))


def _plan_edit(request, pk: int, which: str, service):
    """Bind the form `which`, call the edit service; errors show the plan page again."""
    plan = selectors.plan_get_for(request.user, pk)
    form = _edit_forms(request, plan, request.POST, which).get(which)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            copy = service(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _after_edit(request, copy)
    return _plan_page(request, plan, bound={which: form})


@require_POST
@permission_required(Capability.PLAN_TRAINING)
def plan_move_team(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _plan_edit(request, pk, "team", services.plan_move_team)


@require_POST
@permission_required(Capability.PLAN_TRAINING)
def plan_move_meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _plan_edit(request, pk, "meeting", services.plan_move_meeting)


@require_POST
@permission_required(Capability.PLAN_TRAINING)
def plan_change_trainer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _plan_edit(request, pk, "trainer", services.plan_change_trainer)


def _after_edit(request, copy):
    if copy.violations:
        messages.warning(
            request,
            _("Changed. The plan now breaks %(count)d rules: see the list below.")
            % {"count": len(copy.violations)},
        )
    else:
        messages.success(request, _("Changed. The plan still meets every rule."))
    return redirect("planning:plan-detail", pk=copy.pk)


@permission_required(Capability.PLAN_TRAINING)
def plan_compare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for(request.user, pk)
    asked = request.GET.get("other", "")
    other = selectors.plan_other_for(request.user, plan, int(asked) if asked.isdigit() else None)
    context = {
        "plan": plan,
        "other": other,
        "others": selectors.plan_list_for(request.user, plan.project).exclude(pk=plan.pk),
        "figures": summary.figures(plan),
        "other_figures": summary.figures(other) if other else {},
        "differences": summary.compare(plan, other) if other else None,
    }
    return render(request, "planning/plan_compare.html", context)


@permission_required(Capability.PLAN_TRAINING)
def plan_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: who is told which dates, with one e-mail; POST: publish (docs/confirmations.md)."""
    plan = selectors.plan_get_for(request.user, pk)

    def act():
        services.plan_publish(actor=request.user, plan=plan)
        messages.success(request, _("Published. The JST coordinators are being notified."))
        return redirect("planning:plan-detail", pk=plan.pk)

    return confirm_page(request, lambda: confirmations.plan_publish(plan), act)


@permission_required(Capability.SEE_OWN_MEETINGS)
def my_meetings(request: AuthenticatedRequest) -> HttpResponse:
    meetings = selectors.own_meetings(request.user)
    return render(request, "planning/my_meetings.html", {"meetings": meetings})


@permission_required(Capability.SEE_OWN_TRAINING_DATES)
def my_dates(request: AuthenticatedRequest) -> HttpResponse:
    groups = selectors.own_groups(request.user)
    return render(request, "planning/my_dates.html", {"groups": groups})
