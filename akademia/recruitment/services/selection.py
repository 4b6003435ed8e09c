"""Selection: run the optimiser, manual decisions, publish, withdraw and refill; and whether
the latest run is stale (`stale_notice`: the one rule for the pages and for publishing).

The models are mapped to `selection.Application` / `selection.Quota` here and back; the
optimiser itself (`recruitment/selection/`) knows nothing of Django. Selection of a call's 60
applications takes well under a second, so it runs synchronously inside the request (see
docs/recruitment.md).
"""

import json

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment import notifications, scoring, selection
from akademia.recruitment.models import (
    SELECTABLE,
    Application,
    ApplicationStatus,
    Call,
    CallStatus,
    Enrolment,
    Override,
    Profile,
    RunKind,
    SelectionRun,
    TeamMember,
)
from akademia.recruitment.selection.messages import withdrawn as withdrawn_reason
from akademia.recruitment.selectors import latest_run
from akademia.recruitment.services.common import OPERATORS_ONLY, lock
from akademia.recruitment.services.quotas import quota_from_row
from akademia.recruitment.signals import enrolments_changed
from akademia.territory.kinds import exchange_group_of


def _quotas(call: Call) -> list[selection.Quota]:
    return [
        quota_from_row(
            {
                "code": q.code,
                "label": q.label,
                "field": q.field,
                "values": q.values,
                "unit": q.unit,
                "min": q.min,
                "max": q.max,
            }
        )
        for q in call.quotas.all()
    ]


def selection_id(application: Application) -> str:
    """The optimiser's id of an application: the JST's name and code, so that the reasons'
    texts ("swapping it for Koziegłowy (2409023) ...") read well. Unique among a call's
    candidates, since a JST has one active application per call."""
    return f"{application.jst.name} ({application.jst.code})"


def to_selection(application: Application) -> selection.Application:
    team = list(application.team.all())
    jst = application.jst
    return selection.Application(
        id=selection_id(application),
        score=application.score,
        people=len(team),
        managers=sum(1 for m in team if m.profile == Profile.MANAGEMENT),
        kind=jst.exchange_group,
        county=jst.county.code if jst.county_id else "",
        voivodeship=jst.voivodeship.code,
        attrs={"newcomer": not scoring.took_part_before(application)},
    )


def _candidates(call: Call) -> list[Application]:
    return list(
        call.applications.filter(status__in=SELECTABLE)
        .annotate(took_part=scoring.took_part_subquery())
        .select_related("jst", "jst__county", "jst__voivodeship", "call")
        .prefetch_related("team", "call__criteria")
        .order_by("created_at", "pk")
    )


def _candidate_inputs(call: Call) -> list[dict]:
    """`to_selection(a).to_dict()` of every candidate after a rescore, as `_candidates` and
    `scoring.score` would give it, from one query of plain values (no model instances, no
    team rows): what checking whether a run is stale reads on every call page."""
    criteria = [(c.code, c.weight) for c in call.criteria.all()]
    rows = (
        call.applications.filter(status__in=SELECTABLE)
        .annotate(
            took_part=scoring.took_part_subquery(),
            people=Count("team"),
            managers=Count("team", filter=Q(team__profile=Profile.MANAGEMENT)),
        )
        .order_by("created_at", "pk")
        .values_list(
            "jst__name",
            "jst__code",
            "jst__kind",
            "jst__county__code",
            "jst__voivodeship__code",
            "manual_points",
            "took_part",
            "people",
            "managers",
        )
    )
    inputs = []
    for name, code, kind, county, voivodeship, manual, took_part, people, managers in rows:
        score = scoring.score_of_values(
            call,
            criteria,
            kind=kind,
            took_part=took_part,
            people=people,
            managers=managers,
            manual_points=manual,
        )
        candidate = selection.Application(
            id=f"{name} ({code})",  # selection_id
            score=score,
            people=people,
            managers=managers,
            kind=exchange_group_of(kind),
            county=county or "",
            voivodeship=voivodeship,
            attrs={"newcomer": not took_part},
        )
        inputs.append(candidate.to_dict())
    return inputs


def _rescore(applications: list[Application]) -> None:
    """`applications.rescore` of many: their scores computed in memory, saved in one UPDATE."""
    for application in applications:
        application.score, application.score_parts = scoring.score(application)
    Application.objects.bulk_update(applications, ["score", "score_parts"])


def _overrides(applications: list[Application]) -> dict[str, bool]:
    return {selection_id(a): a.override == Override.IN for a in applications if a.override}


def _store_run(call, kind, result, *, actor, inputs) -> SelectionRun:
    return SelectionRun.objects.create(
        call=call,
        kind=kind,
        status=result.status,
        inputs=inputs,
        result=result.to_dict(),
        created_by=audit.person(actor),
    )


def _apply(call: Call, result: selection.SelectionResult, withdrawn=None) -> None:
    """Statuses, reasons and waiting positions of every application the result names."""
    selected = set(result.selected)
    position = {app_id: p for p, app_id in enumerate(result.waiting_list, start=1)}
    active = call.applications.exclude(status=ApplicationStatus.WITHDRAWN).select_related("jst")
    by_id = {selection_id(a): a for a in active}
    if withdrawn is not None:
        by_id[selection_id(withdrawn)] = withdrawn
    now = timezone.now()
    changed = []
    for key, reasons in result.reasons.items():
        application = by_id.get(key)
        if application is None:
            continue
        if application.status == ApplicationStatus.WITHDRAWN:
            status = ApplicationStatus.WITHDRAWN
        elif key in selected:
            status = ApplicationStatus.SELECTED
        elif key in position:
            status = ApplicationStatus.WAITING
        else:
            status = ApplicationStatus.NOT_SELECTED
        application.status = status
        application.waiting_position = position.get(key)
        application.reasons = [r.to_dict() for r in reasons]
        application.updated_at = now  # bulk_update leaves auto_now fields as they are
        changed.append(application)
    Application.objects.bulk_update(
        changed, ["status", "waiting_position", "reasons", "updated_at"]
    )


def selection_run_blocker(call: Call) -> str:
    """Why the selection cannot run, or "": the one rule of its confirmation page and of
    `selection_run`."""
    if call.is_published:
        return _("The results are published; the selection cannot run again.")
    if not call.quotas.exists():
        return _("Set the call's quotas before running the selection.")
    if not call.applications.filter(status__in=SELECTABLE).exists():
        return _("No complete application to select from.")
    return ""


@service
def selection_run(*, actor: Actor, call: Call) -> SelectionRun:
    """Select among the complete applications under the call's quotas and manual decisions.

    A feasible result moves every candidate to selected / waiting / not selected with its
    reasons; an infeasible one changes no application and names the binding quotas and the
    least relaxation (shown on the call's page).
    """
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    call = Call.objects.select_for_update().get(pk=call.pk)
    blocker = selection_run_blocker(call)
    if blocker:
        raise DomainError(blocker)
    quotas = _quotas(call)
    applications = _candidates(call)
    _rescore(applications)
    candidates = [to_selection(a) for a in applications]
    overrides = _overrides(applications)
    try:
        result = selection.select(candidates, quotas, overrides, time_limit=20.0, verify=5)
    except ValueError as error:
        raise DomainError(str(error)) from error
    inputs = {
        "applications": [c.to_dict() for c in candidates],
        "quotas": [q.to_dict() for q in quotas],
        "overrides": overrides,
    }
    run = _store_run(call, RunKind.SELECT, result, actor=actor, inputs=inputs)
    if result.feasible:
        _apply(call, result)
    audit.record(
        actor,
        "recruitment.selection.run",
        call,
        {
            "run": run.pk,
            "status": result.status,
            "selected": len(result.selected),
            "binding": list(result.binding_quotas),
        },
    )
    return run


@service
def application_set_override(
    *, actor: Actor, application: Application, override: str, reason: str
) -> SelectionRun | None:
    """Force an application in or out (or clear it), then re-check by re-running selection."""
    call = application.call
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    if call.is_published:
        raise DomainError(_("The results are published; manual decisions can no longer change."))
    if override not in Override.values:
        raise DomainError(_("Unknown decision."), field="override")
    if application.status not in SELECTABLE:
        raise DomainError(_("Only complete applications take part in the selection."))
    if override and not reason.strip():
        raise DomainError(_("Give the reason for the manual decision."), field="reason")
    application.override = override
    application.override_reason = reason.strip() if override else ""
    application.override_by = actor if override else None
    application.save(update_fields=["override", "override_reason", "override_by", "updated_at"])
    audit.record(
        actor,
        "recruitment.application.override",
        application,
        {"override": override, "reason": application.override_reason},
    )
    if call.runs.exists():
        return selection_run(actor=actor, call=call)
    return None


def stale_withdrawals(run: SelectionRun | None) -> list[Application]:
    """The applications that took part in `run` and were withdrawn after it ran.

    Before publication such a run is stale: its selection, waiting list and quota counts still
    include them, so it cannot be published (a refill after publication would even walk a
    waiting list naming them); the operator runs the selection again. After publication a
    withdrawal is refilled instead, so a published call's runs are never stale.
    """
    if run is None or Call.objects.filter(pk=run.call_id, status=CallStatus.PUBLISHED).exists():
        return []
    took_part = {a["id"] for a in run.inputs.get("applications", ())}
    took_part -= set(run.result.get("withdrawn", ()))
    withdrawn = run.call.applications.filter(
        status=ApplicationStatus.WITHDRAWN, withdrawn_at__gte=run.created_at
    ).select_related("jst")
    return [a for a in withdrawn.order_by("withdrawn_at", "pk") if selection_id(a) in took_part]


def stale_message(withdrawn: list[Application]) -> str:
    names = ", ".join(a.jst.name for a in withdrawn)
    return ngettext(
        "The selection is out of date: the application of %(names)s was withdrawn after it "
        "ran. Run the selection again, then publish.",
        "The selection is out of date: the applications of %(names)s were withdrawn after it "
        "ran. Run the selection again, then publish.",
        len(withdrawn),
    ) % {"names": names}


def _as_stored(data):
    """What a value looks like after a round trip through the run's JSON field."""
    return json.loads(json.dumps(data))


def changed_inputs(run: SelectionRun | None) -> list[str]:
    """What else changed since `run`, so that it no longer answers the call as it is now: the
    quotas, or a candidate (a new complete application, a score after the criteria or points
    changed, a team). Withdrawals are named by `stale_withdrawals`; a published call's runs
    are never stale."""
    if run is None or Call.objects.filter(pk=run.call_id, status=CallStatus.PUBLISHED).exists():
        return []
    call = run.call
    changed = []
    if _as_stored([q.to_dict() for q in _quotas(call)]) != run.inputs.get("quotas"):
        changed.append(_("the quotas"))
    before = {a["id"]: a for a in run.inputs.get("applications", ())}
    for now in _as_stored(_candidate_inputs(call)):
        if before.get(now["id"]) != now:
            changed.append(_("the applications or their scores"))
            break
    return changed


def stale_notice(run: SelectionRun | None) -> str:
    """Why the latest run may not be published, or "": one rule for the page and publishing."""
    withdrawn = stale_withdrawals(run)
    if withdrawn:
        return stale_message(withdrawn)
    changed = changed_inputs(run)
    if changed:
        return _(
            "The selection is out of date: %(what)s changed after it ran. Run the selection "
            "again, then publish."
        ) % {"what": _(" and ").join(changed)}
    return ""


def selection_publish_blocker(call: Call) -> str:
    """Why the results cannot be published, or "": the one rule of the results page, the
    confirmation page and `selection_publish`."""
    if call.is_published:
        return _("The results are already published.")
    run = latest_run(call)
    if run is None or not run.feasible:
        return _("Run a selection that meets every quota before publishing.")
    return stale_notice(run)


def decided_applications(call: Call) -> list[Application]:
    """The applications whose result publishing e-mails (selected, waiting, not selected)."""
    decided = call.applications.filter(
        status__in=[
            ApplicationStatus.SELECTED,
            ApplicationStatus.WAITING,
            ApplicationStatus.NOT_SELECTED,
        ]
    )
    return list(decided.select_related("jst", "call", "coordinator").order_by("pk"))


@service
def selection_publish(*, actor: Actor, call: Call) -> Call:
    """Publish the latest feasible selection: e-mail everyone, enrol the selected teams."""
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    call = Call.objects.select_for_update().get(pk=call.pk)
    blocker = selection_publish_blocker(call)
    if blocker:
        raise DomainError(blocker)
    run = latest_run(call)
    call.status = "published"
    call.published_at = timezone.now()
    call.save(update_fields=["status", "published_at"])
    decided = decided_applications(call)
    enrolled = _enrol([a for a in decided if a.status == ApplicationStatus.SELECTED])
    notifications.queue_many(decided, "result", occasion=run.pk)
    audit.record(
        actor,
        "recruitment.selection.published",
        call,
        {"run": run.pk, "enrolled_people": enrolled},
    )
    return call


def _enrol(applications: list[Application]) -> int:
    """Enrol the team members of the applications not enrolled yet (in one query each way);
    the number of people in those teams."""
    by_pk = {a.pk: a for a in applications}
    members = list(
        TeamMember.objects.filter(application__in=list(by_pk)).annotate(
            enrolled=Exists(Enrolment.objects.filter(member=OuterRef("pk")))
        )
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            project_id=by_pk[member.application_id].call.project_id,
            jst_id=by_pk[member.application_id].jst_id,
            application_id=member.application_id,
            member=member,
            profile=member.profile,
        )
        for member in members
        if not member.enrolled
    )
    return len(members)


def _result_of(run: SelectionRun) -> selection.SelectionResult:
    """Rebuild what `refill` needs from a stored run (inputs + the stored summary)."""
    data = run.result
    overrides = dict(run.inputs.get("overrides", {}))
    return selection.SelectionResult(
        status=run.status,
        selected=tuple(data["selected"]),
        objective=data["objective"],
        bound=data.get("bound"),
        gap=data.get("gap"),
        seconds=0.0,
        reasons={},
        waiting_list=tuple(data["waiting_list"]),
        quota_usage=(),
        binding_quotas=tuple(data.get("binding_quotas", ())),
        applications=tuple(selection.Application.from_dict(a) for a in run.inputs["applications"]),
        quotas=tuple(selection.Quota.from_dict(q) for q in run.inputs["quotas"]),
        overrides=overrides,
        withdrawn=tuple(data.get("withdrawn", ())),
    )


def application_withdraw_blocker(application: Application) -> str:
    """Why the application cannot be withdrawn, or "" (its confirmation page and the service)."""
    if application.status == ApplicationStatus.WITHDRAWN:
        return _("This application is already withdrawn.")
    return ""


def took_part_in(application: Application, run: SelectionRun | None) -> bool:
    """Whether the application was one of `run`'s candidates."""
    return run is not None and selection_id(application) in {
        a["id"] for a in run.inputs.get("applications", ())
    }


@service
def application_withdraw(*, actor: Actor, application: Application) -> Application | None:
    """The coordinator withdraws; after publication a selected JST's place is refilled.

    Returns the application that took the place, if any. The refill takes the first waiting
    application with which every quota still holds (`selection.refill`); both coordinators are
    e-mailed. Before publication a withdrawal of an application that took part in the latest
    run makes that run stale (`stale_withdrawals`): it cannot be published until re-run.
    """
    require(
        actor,
        Capability.FOLLOW_OWN_APPLICATIONS,
        application,
        _("Only the JST's coordinator can withdraw its application."),
    )
    # The call first, as publishing locks it: a withdrawal is then either before publication
    # (the run goes stale) or after it (its enrolments exist and are closed, the place refilled).
    call = Call.objects.select_for_update().get(pk=application.call_id)
    lock(application)
    blocker = application_withdraw_blocker(application)
    if blocker:
        raise DomainError(blocker)
    run = latest_run(call)
    took_part = took_part_in(application, run)
    was_selected = application.status == ApplicationStatus.SELECTED
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.waiting_position = None
    fields = ["status", "withdrawn_at", "waiting_position", "updated_at"]
    if took_part and not call.is_published:
        # The run's reasons ("Selected, rank 3") no longer hold; the run itself is now stale.
        application.reasons = [withdrawn_reason().to_dict()]
        fields.append("reasons")
    application.save(update_fields=fields)
    if application.enrolments.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now()):
        # Delivery (which recruitment does not import) ends these people's participation.
        project_id = call.project_id
        transaction.on_commit(
            lambda: enrolments_changed.send(sender=Application, project_id=project_id)
        )
    audit.record(
        actor,
        "recruitment.application.withdrawn",
        application,
        {
            "was_selected": was_selected,
            "stale_run": run.pk if took_part and not call.is_published else None,
        },
    )
    by_recipient = getattr(actor, "email", "").lower() == application.coordinator_email.lower()
    notifications.queue(application, "withdrawn", by_recipient=by_recipient)
    if not call.is_published or run is None or not run.feasible:
        return None
    if not took_part:
        return None  # it never took part in the selection: nothing to refill
    refilled = selection.refill(_result_of(run), selection_id(application))
    new_run = _store_run(call, RunKind.REFILL, refilled.result, actor=actor, inputs=run.inputs)
    new_run.result["refill"] = {
        "withdrawn": selection_id(application),
        "added": refilled.added,
        "reason": refilled.reason.to_dict(),
        "skipped": [[i, r.to_dict()] for i, r in refilled.skipped],
    }
    new_run.save(update_fields=["result"])
    _apply(call, refilled.result, withdrawn=application)
    if refilled.added is None:
        return None
    active = call.applications.exclude(status=ApplicationStatus.WITHDRAWN).select_related("jst")
    added = next(a for a in active if selection_id(a) == refilled.added)
    _enrol([added])
    audit.record(
        actor,
        "recruitment.application.refilled",
        added,
        {"replaces": application.pk, "run": new_run.pk},
    )
    notifications.queue(added, "refilled", occasion=new_run.pk)
    return added
