"""What several recruitment services share: the rules of an edit form's fields, row locks."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from akademia.recruitment.models import Application

# Why `require(actor, Capability.RUN_RECRUITMENT, project, ...)` refuses: the pilot (no
# voivodeship) is the national operators', a regional project its voivodeship's operators'.
OPERATORS_ONLY = gettext_lazy("Only the operators of this project can do this.")


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
