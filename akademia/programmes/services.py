"""Writes to the catalogue: programmes, versions, modules, status changes; each audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from akademia.accounts.roles import Role
from akademia.core import audit
from akademia.core.errors import DomainError
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


def can_edit(user, version: ProgrammeVersion) -> bool:
    """Authors edit their drafts; the national operator edits any draft."""
    if not version.is_editable:
        return False
    if user.role == Role.NATIONAL_OPERATOR:
        return True
    return user.role == Role.EXPERT and version.programme.authors.filter(pk=user.pk).exists()


def can_publish(user) -> bool:
    return user.role == Role.NATIONAL_OPERATOR


def _check_edit(actor, version: ProgrammeVersion) -> None:
    if not version.is_editable:
        raise DomainError(
            _("This version is no longer a draft and cannot be changed. Start a new version.")
        )
    if not can_edit(actor, version):
        raise DomainError(_("Only the authors and the national operator can edit this draft."))


@transaction.atomic
def programme_create(*, actor, title: str, goal: str, **fields) -> ProgrammeVersion:
    """A new programme with its first, draft version; an expert becomes its author."""
    if actor.role not in (Role.EXPERT, Role.NATIONAL_OPERATOR):
        raise DomainError(_("Only programme experts and the national operator create programmes."))
    programme = Programme.objects.create(title=title)
    if actor.role == Role.EXPERT:
        programme.authors.add(actor)
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title=title, goal=goal, created_by=actor, **fields
    )
    audit.record(actor, "programmes.programme.created", version)
    return version


@transaction.atomic
def programme_set_authors(*, actor, programme: Programme, authors) -> None:
    """The national operator names the experts who write a programme (they edit its drafts)."""
    if not can_publish(actor):
        raise DomainError(_("Only the national operator chooses the authors."))
    if any(author.role != Role.EXPERT for author in authors):
        raise DomainError(_("Authors must be programme experts."), field="authors")
    programme.authors.set(authors)
    audit.record(
        actor, "programmes.programme.authors_set", programme, {"authors": [a.pk for a in authors]}
    )


@transaction.atomic
def version_update(
    *, actor, version: ProgrammeVersion, fields: dict, modules: list[dict]
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


@transaction.atomic
def version_new(*, actor, version: ProgrammeVersion) -> ProgrammeVersion:
    """The next version, as a copy of this one (modules keep their keys for the diff)."""
    if not (can_publish(actor) or version.programme.authors.filter(pk=actor.pk).exists()):
        raise DomainError(_("Only the authors and the national operator start new versions."))
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


@transaction.atomic
def version_set_status(*, actor, version: ProgrammeVersion, status: str) -> ProgrammeVersion:
    """Move a version along draft → in consultation → approved for pilot → final."""
    version = ProgrammeVersion.objects.select_for_update().get(pk=version.pk)
    if not can_publish(actor):
        raise DomainError(_("Only the national operator changes the status of a version."))
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
