"""What every recruitment service shares: the operator's scope check, row locks, audit scope."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, scope_of
from akademia.accounts.roles import Capability, Role
from akademia.core.errors import DomainError
from akademia.recruitment.models import Application, Project


@dataclass(frozen=True)
class FieldRule:
    """What limits one field of an edit form now. A `locked` field cannot change at all (the
    form shows it disabled); `note` says why, or states the rule, in the user's words."""

    locked: bool
    note: str


def lock(application: Application) -> None:
    """Lock the row and reload the caller's instance, so the caller sees the new state."""
    Application.objects.select_for_update().filter(pk=application.pk).first()
    application.refresh_from_db()


def in_scope(actor, project: Project) -> bool:
    scope = scope_of(actor)
    return scope.everything or (
        project.voivodeship_id is not None and project.voivodeship_id in scope.voivodeship_ids
    )


def require_operator_of(actor, project: Project) -> None:
    """Operators only, and only of their scope: the pilot (no voivodeship) is national."""
    if actor.role not in (Role.NATIONAL_OPERATOR, Role.REGIONAL_OPERATOR) or not in_scope(
        actor, project
    ):
        raise DomainError(_("Only the operators of this project can do this."))


def is_own(user, application: Application) -> bool:
    """Whether the user acts for the application's JST (accounts/permissions.py says who)."""
    return can(user, Capability.FOLLOW_OWN_APPLICATIONS, application)
