"""Who may call an API resource: a signed-in person (a token or a session) whose role has one
of the view's capabilities, asked of the one permission layer (`accounts.permissions.can`);
which rows they then see is their scope's (the selectors)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from akademia.accounts.permissions import can


class HasCapability(permissions.BasePermission):
    message = _("Your role may not read this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return any(can(user, capability) for capability in getattr(view, "capabilities", ()))
