"""Types a view or a service declares, so that an editor shows what it may use.

    def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse: ...
    @service
    def plan_publish(*, actor: Actor, plan: Plan) -> Plan: ...

`Actor` is a person, an anonymous visitor of a public form, or `core.audit.SYSTEM`.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from akademia.accounts.models import User
from akademia.core.audit import _System

# Who does something: a person, an anonymous visitor (a public form), or the platform itself.
Actor = User | AnonymousUser | _System


class AuthenticatedRequest(HttpRequest):
    """A request past the login-required middleware: `user` is a signed-in User."""

    user: User


class PublicRequest(HttpRequest):
    """A request to a `@login_not_required` view: anyone."""

    user: User | AnonymousUser
