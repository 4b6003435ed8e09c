"""The permission layer: which rows of any model a user may see.

Every selector that returns scoped data passes its queryset through `restrict`, naming how the
model reaches a voivodeship and a JST. The rule lives here once:

- a national operator sees everything;
- a regional operator or a trainer sees rows in their voivodeships;
- a JST coordinator or a participant whom an operator verified sees rows of their JST;
- one who is not verified yet (an account made by confirming an application's e-mail) sees
  only the rows they made themselves, through the model's `own` path (e.g. an application's
  "coordinator"): a working e-mail address proves nothing about who speaks for a JST;
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
    own_user_id: int | None = None


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
        if user.awaits_jst_verification:
            return Scope(own_user_id=user.pk)
        return Scope(jst_id=user.jst_id)
    return Scope()


def scope_filter(
    user, *, voivodeship: str | None = None, jst: str | None = None, own: str | None = None
) -> Q | None:
    """The condition for rows the user may see; None means everything.

    `voivodeship` and `jst` are lookup paths from the model to a Voivodeship and to a Jst
    (e.g. "jst__voivodeship", "jst"), `own` the path to the user who made the row; a model
    that has no such path is invisible to that scope.
    """
    scope = scope_of(user)
    if scope.everything:
        return None
    if scope.voivodeship_ids and voivodeship:
        return Q(**{f"{voivodeship}__in": scope.voivodeship_ids})
    if scope.jst_id and jst:
        return Q(**{jst: scope.jst_id})
    if scope.own_user_id and own:
        return Q(**{own: scope.own_user_id})
    return Q(pk__in=[])


def restrict(
    queryset: QuerySet,
    user,
    *,
    voivodeship: str | None = None,
    jst: str | None = None,
    own: str | None = None,
) -> QuerySet:
    condition = scope_filter(user, voivodeship=voivodeship, jst=jst, own=own)
    return queryset if condition is None else queryset.filter(condition).distinct()


def get_or_404(queryset: QuerySet, **lookup):
    """One object of an already scoped queryset, or 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing
