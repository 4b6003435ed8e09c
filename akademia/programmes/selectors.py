"""Reads of the catalogue, scoped by the one permission API (`accounts.permissions.visible`).

A programme belongs to no territory (`scope = ScopePaths(author=..., national=True)`): operators
see every programme and version; an expert the programmes they write; anyone, signed in or
not, the published versions (approved for pilot, or final) through the public catalogue.
"""

from django.db.models import Prefetch, QuerySet

from akademia.accounts.permissions import get_or_404, visible, visible_or_404
from akademia.core.collation import polish
from akademia.programmes.models import (
    PUBLISHED_STATUSES,
    Module,
    Programme,
    ProgrammeVersion,
)


def programme_list_for(user) -> QuerySet[Programme]:
    return visible(Programme.objects.prefetch_related("authors", "versions"), user)


def version_list_for(user) -> QuerySet[ProgrammeVersion]:
    return visible(ProgrammeVersion.objects.select_related("programme"), user)


def programme_get_for(user, pk: int) -> Programme:
    return visible_or_404(Programme.objects.prefetch_related("authors", "versions"), user, pk=pk)


def version_get_for(user, pk: int) -> ProgrammeVersion:
    modules = Prefetch("modules", queryset=Module.objects.order_by("order"))
    versions = ProgrammeVersion.objects.select_related("programme").prefetch_related(modules)
    return visible_or_404(versions, user, pk=pk)


def programme_authors(programme: Programme) -> QuerySet:
    return programme.authors.all()


def programme_newest_version(programme: Programme) -> ProgrammeVersion | None:
    return programme.versions.order_by("-number").first()


def _published() -> QuerySet[ProgrammeVersion]:
    return ProgrammeVersion.objects.filter(status__in=PUBLISHED_STATUSES).select_related(
        "programme"
    )


def published_catalogue() -> list[ProgrammeVersion]:
    """The newest published version of each programme, for the public catalogue."""
    versions = (
        _published().prefetch_related("modules").order_by(polish("programme__title"), "-number")
    )
    newest = {}
    for version in versions:
        newest.setdefault(version.programme_id, version)
    return list(newest.values())


def published_version_get(pk: int) -> ProgrammeVersion:
    """A published version, for anyone (else 404)."""
    return get_or_404(_published(), pk=pk)
