"""Calls ("nabory"): creation, editing under the rules of their status, status, criteria, quotas.

What may change in a call depends on how far it got (`call_edit_rules`): a draft is free; once
the call has opened, JST plan by its dates and team rule, so the start stays, the deadline only
moves later, versions are only added and the team rule never becomes stricter; once JST have
applied, who may apply only widens and the questions they answered stay; after publication
only the title changes.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment.models import (
    CALL_TRANSITIONS,
    DEFAULT_CONSENT,
    ApplicationStatus,
    Call,
    CallStatus,
    Criterion,
    CriterionCode,
)
from akademia.recruitment.services.common import OPERATORS_ONLY, FieldRule
from akademia.territory.kinds import ExchangeGroupKind
from akademia.territory.models import Voivodeship

DEFAULT_WEIGHTS = {
    CriterionCode.RURAL: 30,
    CriterionCode.NEWCOMER: 30,
    CriterionCode.COMPLETE_TEAM: 20,
    CriterionCode.MANUAL: 20,
}
CALL_FIELDS = (
    "title",
    "versions",
    "opens_on",
    "closes_on",
    "kinds",
    "voivodeships",
    "allow_returning",
    "questions",
    "consent_text",
)


def _team_rule(versions) -> tuple[int, int, int]:
    """(min people, max people, min managers): the strictest rule of the offered versions."""
    if not versions:
        raise DomainError(_("Choose at least one programme version."), field="versions")
    team_min = max(v.team_min for v in versions)
    team_max = min(v.team_max for v in versions)
    if team_min > team_max:
        raise DomainError(
            _("These programme versions have team sizes that do not overlap."), field="versions"
        )
    return team_min, team_max, max(v.team_min_managers for v in versions)


def _kinds(kinds) -> list[str]:
    unknown = set(kinds) - set(ExchangeGroupKind.values)
    if unknown:
        raise DomainError(_("Unknown kind of JST."), field="kinds")
    return [kind for kind in ExchangeGroupKind.values if kind in set(kinds)]


@service
def call_create(
    *,
    actor: Actor,
    project,
    title: str,
    versions,
    opens_on,
    closes_on,
    kinds=(),
    voivodeships=(),
    allow_returning: bool = False,
    questions=(),
    consent_text: str = "",
) -> Call:
    """A call with its team rule taken from the programme versions (the strictest of them)."""
    require(actor, Capability.RUN_RECRUITMENT, project, OPERATORS_ONLY)
    versions = list(versions)
    team_min, team_max, team_min_managers = _team_rule(versions)
    if opens_on > closes_on:
        raise DomainError(_("The call closes before it opens."), field="closes_on")
    call = Call.objects.create(
        project=project,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        kinds=_kinds(kinds),
        allow_returning=allow_returning,
        team_min=team_min,
        team_max=team_max,
        team_min_managers=team_min_managers,
        questions=[q.strip() for q in questions if q.strip()],
        consent_text=consent_text.strip() or str(DEFAULT_CONSENT),
        created_by=actor,
    )
    call.versions.set(versions)
    if project.voivodeship_id:
        call.voivodeships.set([project.voivodeship])
    else:
        call.voivodeships.set(voivodeships)
    Criterion.objects.bulk_create(
        Criterion(call=call, code=code, weight=weight) for code, weight in DEFAULT_WEIGHTS.items()
    )
    audit.record(actor, "recruitment.call.created", call)
    return call


def has_applications(call: Call) -> bool:
    """JST have applied (a draft counts: its coordinator is filling in this call's form)."""
    return call.applications.exclude(status=ApplicationStatus.WITHDRAWN).exists()


def _team_text(team_min: int, team_max: int, managers: int) -> str:
    return _("%(min)s–%(max)s people, at least %(managers)s from the management staff") % {
        "min": team_min,
        "max": team_max,
        "managers": managers,
    }


def call_edit_rules(call: Call) -> dict[str, FieldRule]:
    """What limits each field of the call now (see the module's docstring); free fields are
    absent. The form shows the notes under the fields; `call_update` enforces the same rules."""
    if call.is_published:
        note = _("The results are published: only the title of the call can change.")
        return {name: FieldRule(True, note) for name in CALL_FIELDS if name != "title"}
    rules = {}
    if call.project.voivodeship_id:
        rules["voivodeships"] = FieldRule(
            True, _("A regional project's call is open to the project's voivodeship only.")
        )
    if call.status != CallStatus.DRAFT:
        rules["opens_on"] = FieldRule(
            True, _("The call has opened: the start of applications can no longer change.")
        )
        rules["closes_on"] = FieldRule(
            False, _("The call has opened: the deadline can only be extended, not moved earlier.")
        )
        rules["versions"] = FieldRule(
            False,
            _(
                "The call has opened: versions can be added but not removed, and the team rule "
                "(%(rule)s) cannot become stricter."
            )
            % {"rule": _team_text(call.team_min, call.team_max, call.team_min_managers)},
        )
    if has_applications(call):
        rules["kinds"] = FieldRule(
            False, _("JST have already applied: kinds can be added but not removed.")
        )
        rules.setdefault(
            "voivodeships",
            FieldRule(
                False, _("JST have already applied: voivodeships can be added but not removed.")
            ),
        )
        if call.allow_returning:
            rules["allow_returning"] = FieldRule(
                True, _("JST have already applied: returning JST can no longer be excluded.")
            )
        rules["questions"] = FieldRule(
            True, _("JST have already answered these questions: they can no longer change.")
        )
        rules["consent_text"] = FieldRule(
            False,
            _("A new text applies to new consents; applications keep the text they agreed to."),
        )
    return rules


def _state(call: Call) -> dict:
    return {
        "title": call.title,
        "versions": frozenset(call.versions.values_list("pk", flat=True)),
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "kinds": list(call.kinds),
        "voivodeships": frozenset(call.voivodeships.values_list("pk", flat=True)),
        "allow_returning": call.allow_returning,
        "questions": list(call.questions),
        "consent_text": call.consent_text,
    }


@service
def call_update(
    *,
    actor: Actor,
    call: Call,
    title: str | None = None,
    versions=None,
    opens_on=None,
    closes_on=None,
    kinds=None,
    voivodeships=None,
    allow_returning: bool | None = None,
    questions=None,
    consent_text: str | None = None,
) -> Call:
    """Change the given fields of a call (None: unchanged) within `call_edit_rules`.

    A change of versions recomputes the team rule. Audited with each changed value before and
    after; nothing changed records nothing. The first rule broken is raised on its field.
    """
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    call = Call.objects.select_for_update(of=("self",)).select_related("project").get(pk=call.pk)
    rules = call_edit_rules(call)
    before = _state(call)
    after = dict(before)
    version_rows = None
    if title is not None:
        if not title.strip():
            raise DomainError(_("Give the call a title."), field="title")
        after["title"] = title.strip()
    if versions is not None:
        version_rows = list(versions)
        after["versions"] = frozenset(v.pk for v in version_rows)
    for name, value in (("opens_on", opens_on), ("closes_on", closes_on)):
        if value is not None:
            after[name] = value
    if kinds is not None:
        after["kinds"] = _kinds(kinds)
    if voivodeships is not None:
        after["voivodeships"] = frozenset(v.pk for v in voivodeships)
    if allow_returning is not None:
        after["allow_returning"] = bool(allow_returning)
    if questions is not None:
        after["questions"] = [q.strip() for q in questions if q.strip()]
    if consent_text is not None:
        after["consent_text"] = consent_text.strip() or str(DEFAULT_CONSENT)
    changed = [name for name in CALL_FIELDS if after[name] != before[name]]
    for name in changed:
        rule = rules.get(name)
        if rule and rule.locked:
            raise DomainError(rule.note, field=name)
    if after["opens_on"] > after["closes_on"]:
        raise DomainError(_("The call closes before it opens."), field="closes_on")
    opened = call.status != CallStatus.DRAFT
    if opened and after["closes_on"] < before["closes_on"]:
        raise DomainError(
            _(
                "The call has opened: the deadline can only be extended, not moved earlier "
                "than %(date)s."
            )
            % {"date": date_format(before["closes_on"], "DATE_FORMAT")},
            field="closes_on",
        )
    team = (call.team_min, call.team_max, call.team_min_managers)
    if "versions" in changed:
        team = _check_versions(call, before["versions"], version_rows, opened)
    if "kinds" in rules:
        _refuse_narrowing(
            set(before["kinds"]) or set(ExchangeGroupKind.values),
            set(after["kinds"]) or set(ExchangeGroupKind.values),
            field="kinds",
        )
    if "voivodeships" in rules and "voivodeships" in changed:
        everywhere = set(Voivodeship.objects.values_list("pk", flat=True))
        _refuse_narrowing(
            before["voivodeships"] or everywhere,
            after["voivodeships"] or everywhere,
            field="voivodeships",
        )
    team_changed = team != (call.team_min, call.team_max, call.team_min_managers)
    if not changed and not team_changed:
        return call
    changes = _audit_changes(call, before, after, changed)
    if team_changed:
        changes["team"] = [
            _team_text(call.team_min, call.team_max, call.team_min_managers),
            _team_text(*team),
        ]
    for name in CALL_FIELDS:
        if name not in ("versions", "voivodeships"):
            setattr(call, name, after[name])
    call.team_min, call.team_max, call.team_min_managers = team
    call.save()
    if "versions" in changed:
        call.versions.set(version_rows)
    if "voivodeships" in changed:
        call.voivodeships.set(after["voivodeships"])
    audit.record(
        actor,
        "recruitment.call.updated",
        call,
        {"changes": changes},
    )
    return call


def _check_versions(call: Call, before: frozenset, versions: list, opened: bool):
    """The team rule of the new versions; once the call has opened, none removed and the rule
    not stricter (JST may have formed their teams by it)."""
    team = _team_rule(versions)
    if not opened:
        return team
    removed = call.versions.exclude(pk__in=[v.pk for v in versions])
    if removed:
        raise DomainError(
            _(
                "The call has opened: programme versions can be added, but %(versions)s can no "
                "longer be removed."
            )
            % {"versions": ", ".join(map(str, removed))},
            field="versions",
        )
    current = (call.team_min, call.team_max, call.team_min_managers)
    if team != current:
        raise DomainError(
            _(
                "With these versions the team rule would become %(new)s instead of %(old)s; "
                "once the call has opened it cannot become stricter."
            )
            % {"new": _team_text(*team), "old": _team_text(*current)},
            field="versions",
        )
    return team


def _refuse_narrowing(before: set, after: set, *, field: str) -> None:
    if before - after:
        if field == "kinds":
            removed = ", ".join(str(ExchangeGroupKind(k).label) for k in sorted(before - after))
            message = _(
                "JST have already applied: kinds can be added, but %(kinds)s can no longer be "
                "removed."
            ) % {"kinds": removed}
        else:
            message = _("JST have already applied: voivodeships can be added but not removed.")
        raise DomainError(message, field=field)


def _audit_changes(call: Call, before: dict, after: dict, changed: list[str]) -> dict:
    """[before, after] of each changed field, as plain JSON (dates, names, TERYT codes)."""
    from akademia.programmes.models import ProgrammeVersion

    def plain(name, value):
        if name in ("opens_on", "closes_on"):
            return value.isoformat()
        if name == "versions":
            return sorted(str(v) for v in ProgrammeVersion.objects.filter(pk__in=value))
        if name == "voivodeships":
            return sorted(Voivodeship.objects.filter(pk__in=value).values_list("code", flat=True))
        return value

    return {name: [plain(name, before[name]), plain(name, after[name])] for name in changed}


@service
def call_set_status(*, actor: Actor, call: Call, status: str) -> Call:
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    if status not in CALL_TRANSITIONS[call.status]:
        raise DomainError(_("A call cannot move to this status now."))
    before, call.status = call.status, status
    call.save(update_fields=["status"])
    audit.record(
        actor,
        "recruitment.call.status_changed",
        call,
        {"from": before, "to": status},
    )
    return call
