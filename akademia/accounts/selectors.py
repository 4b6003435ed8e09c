"""Reads of users, always scoped through the permission layer."""

from django.db.models import Q, QuerySet

from akademia.accounts.models import User
from akademia.accounts.scoping import get_or_404, scope_filter


def _user_scope(actor) -> Q | None:
    """A user is in an operator's scope when their JST or one of their voivodeships is."""
    by_jst = scope_filter(actor, voivodeship="jst__voivodeship")
    by_region = scope_filter(actor, voivodeship="voivodeships")
    if by_jst is None:
        return None
    return by_jst | by_region


def user_list_for(*, actor, search: str = "", role: str = "") -> QuerySet[User]:
    condition = _user_scope(actor)
    users = User.objects.all() if condition is None else User.objects.filter(condition)
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role:
        users = users.filter(role=role)
    return (
        users.distinct()
        .select_related("jst", "jst__voivodeship")
        .prefetch_related("voivodeships")
        .order_by("full_name", "email")
    )


def user_get_for(*, actor, pk: int) -> User:
    return get_or_404(user_list_for(actor=actor), pk=pk)
