"""The permission layer: which rows of any model a user may see.

Every selector that returns scoped data passes its queryset through `restrict`, naming how the
model reaches a voivodeship and a JST. The rule lives here once:

- a national operator sees everything;
- a regional operator or a trainer sees rows in their voivodeships;
- a JST coordinator or a participant sees rows of their JST;
- anyone else (a programme expert, by default) sees no territorially scoped rows.

A row outside the scope is simply absent, so lookups of it answer 404, and lists, counts,
exports and autocompletes never reveal it.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from akademia.accounts.roles import JST_SCOPED, VOIVODESHIP_SCOPED, Role


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    voivodeship_ids: frozenset[int] = frozenset()
    jst_id: int | None = None


def scope_of(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    if user.role == Role.NATIONAL_OPERATOR:
        return Scope(everything=True)
    if user.role in VOIVODESHIP_SCOPED:
        cached = getattr(user, "_voivodeship_ids", None)
        if cached is None:
            cached = frozenset(user.voivodeships.values_list("pk", flat=True))
            user._voivodeship_ids = cached
        return Scope(voivodeship_ids=cached)
    if user.role in JST_SCOPED:
        return Scope(jst_id=user.jst_id)
    return Scope()


def scope_filter(user, *, voivodeship: str | None = None, jst: str | None = None) -> Q | None:
    """The condition for rows the user may see; None means everything.

    `voivodeship` and `jst` are lookup paths from the model to a Voivodeship and to a Jst
    (e.g. "jst__voivodeship", "jst"); a model that has no such path is invisible to that scope.
    """
    scope = scope_of(user)
    if scope.everything:
        return None
    if scope.voivodeship_ids and voivodeship:
        return Q(**{f"{voivodeship}__in": scope.voivodeship_ids})
    if scope.jst_id and jst:
        return Q(**{jst: scope.jst_id})
    return Q(pk__in=[])


def restrict(
    queryset: QuerySet, user, *, voivodeship: str | None = None, jst: str | None = None
) -> QuerySet:
    condition = scope_filter(user, voivodeship=voivodeship, jst=jst)
    return queryset if condition is None else queryset.filter(condition).distinct()


def get_or_404(queryset: QuerySet, **lookup):
    """One object of an already scoped queryset, or 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing


def get_in_scope(queryset: QuerySet, user, *, voivodeship=None, jst=None, **lookup):
    """One object the user may see, or 404: the same answer as for an object that does not exist."""
    return get_or_404(restrict(queryset, user, voivodeship=voivodeship, jst=jst), **lookup)
