"""The audit log: every service records its state changes here, in the same transaction.

Action codes are registered once, with a label a person can read (pretix's log_action idea).
"""

from django.db import models
from django.utils.functional import Promise

from akademia.core.models import AuditEntry

_ACTIONS: dict[str, Promise | str] = {}


def register(actions: dict[str, Promise | str]) -> None:
    """Register action codes with their translatable labels (called from AppConfig.ready)."""
    _ACTIONS.update(actions)


def label(action: str) -> str:
    return str(_ACTIONS.get(action, action))


def record(
    actor,
    action: str,
    target: models.Model,
    data: dict | None = None,
    *,
    voivodeship_code: str = "",
) -> AuditEntry:
    if action not in _ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}")
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        voivodeship_code=voivodeship_code,
        data=data or {},
    )


def trail(target: models.Model):
    """Entries about one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
