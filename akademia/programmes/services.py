"""Writes to the catalogue: programmes, versions, modules, status changes; each audited.

Who may: programme experts and the national operator create programmes (an expert becomes the
author of theirs); the national operator and a programme's authors edit its drafts and start its
next version (`Capability.EDIT_PROGRAMMES`, the programme in their scope); the national operator
moves versions along their statuses and chooses the authors (`PUBLISH_PROGRAMMES`).
"""

from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.programmes.models import (
    Module,
    Programme,
    ProgrammeVersion,
    VersionStatus,
)

COPIED_FIELDS = [
    f.name
    for f in ProgrammeVersion._meta.concrete_fields
    if f.name
    not in {
        "id",
        "programme",
        "number",
        "based_on",
        "status",
        "created_by",
        "created_at",
        "updated_at",
    }
]


def _check_edit(actor: Actor, version: ProgrammeVersion) -> None:
    if not version.is_editable:
        raise DomainError(
            _("This version is no longer a draft and cannot be changed. Start a new version.")
        )
    require(
        actor,
        Capability.EDIT_PROGRAMMES,
        version,
        _("Only the authors and the national operator can edit this draft."),
    )


@service
def programme_create(*, actor: Actor, title: str, goal: str, **fields) -> ProgrammeVersion:
    """A new programme with its first, draft version; an expert becomes its author."""
    require(
        actor,
        Capability.CREATE_PROGRAMMES,
        message=_("Only programme experts and the national operator create programmes."),
    )
    programme = Programme.objects.create(title=title)
    if can(actor, Capability.AUTHOR_PROGRAMMES):
        programme.authors.add(actor)
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title=title, goal=goal, created_by=actor, **fields
    )
    audit.record(actor, "programmes.programme.created", version)
    return version


@service
def programme_set_authors(*, actor: Actor, programme: Programme, authors) -> None:
    """The national operator names the experts who write a programme (they edit its drafts)."""
    require(
        actor,
        Capability.PUBLISH_PROGRAMMES,
        programme,
        _("Only the national operator chooses the authors."),
    )
    if not all(can(author, Capability.AUTHOR_PROGRAMMES) for author in authors):
        raise DomainError(_("Authors must be programme experts."), field="authors")
    programme.authors.set(authors)
    audit.record(
        actor, "programmes.programme.authors_set", programme, {"authors": [a.pk for a in authors]}
    )


@service
def version_update(
    *, actor: Actor, version: ProgrammeVersion, fields: dict, modules: list[dict]
) -> ProgrammeVersion:
    """Save a draft: its fields and its ordered modules (dicts with an optional `id`)."""
    version = ProgrammeVersion.objects.select_for_update().get(pk=version.pk)
    _check_edit(actor, version)
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean(exclude=["programme", "based_on", "created_by"])
    version.save()
    kept = []
    for order, data in enumerate(modules, start=1):
        module = version.modules.filter(pk=data.get("id")).first() if data.get("id") else None
        module = module or Module(version=version)
        for name in ("title", "learning_outcomes", "hours", "methods", "intersession_task"):
            setattr(module, name, data[name])
        module.order = order
        module.save()
        kept.append(module.pk)
    version.modules.exclude(pk__in=kept).delete()
    if version.programme.versions.count() == 1 and version.programme.title != version.title:
        Programme.objects.filter(pk=version.programme_id).update(title=version.title)
    audit.record(actor, "programmes.version.edited", version)
    return version


@service
def version_new(*, actor: Actor, version: ProgrammeVersion) -> ProgrammeVersion:
    """The next version, as a copy of this one (modules keep their keys for the diff)."""
    require(
        actor,
        Capability.EDIT_PROGRAMMES,
        version,
        _("Only the authors and the national operator start new versions."),
    )
    programme = Programme.objects.select_for_update().get(pk=version.programme_id)
    version = ProgrammeVersion.objects.get(pk=version.pk)  # the saved content, not a stale copy
    if programme.versions.filter(status=VersionStatus.DRAFT).exists():
        raise DomainError(_("This programme already has a draft version; edit that one."))
    number = programme.versions.order_by("-number").values_list("number", flat=True).first() + 1
    copy = ProgrammeVersion.objects.create(
        programme=programme,
        number=number,
        based_on=version,
        created_by=actor,
        **{name: getattr(version, name) for name in COPIED_FIELDS},
    )
    Module.objects.bulk_create(
        Module(
            version=copy,
            key=m.key,
            order=m.order,
            title=m.title,
            learning_outcomes=m.learning_outcomes,
            hours=m.hours,
            methods=list(m.methods),
            intersession_task=m.intersession_task,
        )
        for m in version.modules.all()
    )
    audit.record(actor, "programmes.version.created", copy, {"based_on": version.number})
    return copy


@service
def version_set_status(*, actor: Actor, version: ProgrammeVersion, status: str) -> ProgrammeVersion:
    """Move a version along draft → in consultation → approved for pilot → final."""
    version = ProgrammeVersion.objects.select_for_update().get(pk=version.pk)
    require(
        actor,
        Capability.PUBLISH_PROGRAMMES,
        version,
        _("Only the national operator changes the status of a version."),
    )
    if status not in version.next_statuses:
        raise DomainError(
            _("A version cannot go from “%(current)s” to “%(new)s”.")
            % {
                "current": version.get_status_display(),
                "new": VersionStatus(status).label if status in VersionStatus.values else status,
            }
        )
    if status != VersionStatus.IN_CONSULTATION and not version.modules.exists():
        raise DomainError(_("A programme without modules cannot be approved."))
    before = version.status
    version.status = status
    version.save(update_fields=["status", "updated_at"])
    audit.record(
        actor, "programmes.version.status_changed", version, {"from": before, "to": status}
    )
    return version
