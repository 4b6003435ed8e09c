"""Reads of the catalogue, scoped by role.

Operators see every programme; an expert sees the programmes they author; everyone else sees
only published versions (approved for pilot, or final), as the public does.
"""

from django.db.models import Prefetch, QuerySet

from akademia.accounts.roles import OPERATORS, Role
from akademia.accounts.scoping import get_or_404
from akademia.programmes.models import (
    PUBLISHED_STATUSES,
    Module,
    Programme,
    ProgrammeVersion,
)


def programme_list_for(user) -> QuerySet[Programme]:
    programmes = Programme.objects.prefetch_related("authors", "versions")
    role = getattr(user, "role", None)
    if role in OPERATORS:
        return programmes
    if role == Role.EXPERT:
        return programmes.filter(authors=user)
    return programmes.filter(versions__status__in=PUBLISHED_STATUSES).distinct()


def version_list_for(user) -> QuerySet[ProgrammeVersion]:
    versions = ProgrammeVersion.objects.select_related("programme")
    role = getattr(user, "role", None)
    if role in OPERATORS:
        return versions
    if role == Role.EXPERT:
        return versions.filter(programme__authors=user)
    return versions.filter(status__in=PUBLISHED_STATUSES)


def programme_get_for(user, pk: int) -> Programme:
    return get_or_404(programme_list_for(user), pk=pk)


def version_get_for(user, pk: int) -> ProgrammeVersion:
    modules = Prefetch("modules", queryset=Module.objects.order_by("order"))
    return get_or_404(version_list_for(user).prefetch_related(modules), pk=pk)


def published_catalogue() -> list[ProgrammeVersion]:
    """The newest published version of each programme, for the public catalogue."""
    versions = (
        ProgrammeVersion.objects.filter(status__in=PUBLISHED_STATUSES)
        .select_related("programme")
        .prefetch_related("modules")
        .order_by("programme__title", "-number")
    )
    newest = {}
    for version in versions:
        newest.setdefault(version.programme_id, version)
    return list(newest.values())


def published_version_get(pk: int) -> ProgrammeVersion:
    return get_or_404(version_list_for(None), pk=pk)
