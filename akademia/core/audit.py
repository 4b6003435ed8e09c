"""The audit log: every service records its state changes here, in the same transaction.

Action codes are registered once, with a label a person can read (pretix's log_action idea).
The voivodeship an entry is filed under (so that regional operators read their own) comes from
the audited object's declared scope (`core.scope`), never from the caller.
"""

from django.db import models
from django.utils.functional import Promise

from akademia.core.models import AuditEntry
from akademia.core.scope import voivodeship_code_of

_ACTIONS: dict[str, Promise | str] = {}


class _System:
    """The platform itself as an actor (a worker's job, an anonymous applicant's confirmation
    link): named explicitly, so no permission check or audit entry is skipped by accident."""

    pk = None
    is_authenticated = False
    role = None

    def __str__(self) -> str:
        return "system"


SYSTEM = _System()


def person(actor):
    """The user behind an actor, for a "created by" column: None for the platform or an
    anonymous visitor."""
    return actor if getattr(actor, "pk", None) else None


def register(actions: dict[str, Promise | str]) -> None:
    """Register action codes with their translatable labels (called from AppConfig.ready)."""
    _ACTIONS.update(actions)


def registered() -> dict[str, Promise | str]:
    """Every registered action code with its label (for the catalogue's completeness test)."""
    return dict(_ACTIONS)


def label(action: str) -> str:
    return str(_ACTIONS.get(action, action))


def record(
    actor,
    action: str,
    target: models.Model,
    data: dict | None = None,
) -> AuditEntry:
    if action not in _ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}")
    if actor is None:
        raise ValueError(f"{action}: name the actor (a user, or audit.SYSTEM for the platform)")
    return AuditEntry.objects.create(
        actor=person(actor),
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        voivodeship_code=voivodeship_code_of(target),
        data=data or {},
    )


def record_many(actor, action: str, targets, data: dict | None = None) -> list[AuditEntry]:
    """One entry per target in one insert (a bulk service: e.g. the accounts of a group's
    participants); each target's voivodeship should be loaded with it, or it costs a query."""
    if action not in _ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}")
    if actor is None:
        raise ValueError(f"{action}: name the actor (a user, or audit.SYSTEM for the platform)")
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=person(actor),
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_repr=str(target)[:300],
            voivodeship_code=voivodeship_code_of(target),
            data=data or {},
        )
        for target in targets
    )


VIEWED = "core.personal_data.viewed"


def viewed(
    actor, target: models.Model | type[models.Model], *, what: str, count: int | None = None
):
    """Record that `actor` viewed or downloaded personal data (issue #16): one entry per
    request, never per row. `target` is the record shown (a person's account, an application,
    an attendance day) or, for a list with no parent record, the model listed; `what` names the
    page or export (its URL name), `count` how many people a list showed. A person reading
    their own data records nothing: the log answers who looked at someone else's data."""
    if getattr(actor, "pk", None) is None:
        return None
    if isinstance(target, type):
        return AuditEntry.objects.create(
            actor=actor,
            action=VIEWED,
            target_type=target._meta.label_lower,
            target_id="",
            target_repr=str(target._meta.verbose_name_plural)[:300],
            voivodeship_code="",
            data={"what": what, "count": count},
        )
    if target == actor:
        return None
    return record(actor, VIEWED, target, {"what": what, "count": count})


def trail(target: models.Model):
    """Entries about one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
