"""Transitional: the scoping helpers moved to `accounts/permissions.py` (`visible`, `scope_of`).

`restrict` with explicit paths remains only until every selector asks `visible`, which reads the
paths from the model's `scope = ScopePaths(...)`.
"""

from django.db.models import QuerySet

from akademia.accounts.permissions import Scope, get_or_404, scope_filter, scope_of
from akademia.core.scope import ScopePaths

__all__ = ["Scope", "get_or_404", "restrict", "scope_of"]


def restrict(
    queryset: QuerySet,
    user,
    *,
    voivodeship: str | None = None,
    jst: str | None = None,
    own: str | None = None,
) -> QuerySet:
    paths = ScopePaths(voivodeship=voivodeship, jst=jst, own=own)
    condition = scope_filter(user, paths)
    return queryset if condition is None else queryset.filter(condition).distinct()
