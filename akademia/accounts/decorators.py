from functools import wraps

from django.core.exceptions import PermissionDenied

from akademia.accounts.roles import has_capability


def rule_required(rule):
    """403 for a signed-in user whom `rule(user)` refuses (anonymous users never get here: the
    login-required middleware sends them to the login page first)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def capability_required(capability: str):
    """403 for a signed-in user whose role lacks the capability."""
    return rule_required(lambda user: has_capability(user, capability))
