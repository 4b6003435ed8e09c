"""Projects ("projekty"): set up by the national operator, edited by the operators in scope."""

from datetime import date

from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment.models import Project
from akademia.recruitment.services.common import OPERATORS_ONLY, FieldRule

UNCHANGED = object()


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    """A project has both dates or (set up before they were asked for) neither."""
    if starts_on is None and ends_on is not None:
        raise DomainError(_("Give the day the project starts."), field="starts_on")
    if ends_on is None and starts_on is not None:
        raise DomainError(_("Give the day the project ends."), field="ends_on")
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The project ends before it starts."), field="ends_on")


@service
def project_create(
    *,
    actor: Actor,
    name: str,
    voivodeship=None,
    target_jst: int = 0,
    target_people: int = 0,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Project:
    require(
        actor,
        Capability.CREATE_RECRUITMENT_PROJECTS,
        message=_("Only the national operator sets up projects."),
    )
    _check_dates(starts_on, ends_on)
    project = Project.objects.create(
        name=name.strip(),
        voivodeship=voivodeship,
        target_jst=target_jst,
        target_people=target_people,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    audit.record(
        actor,
        "recruitment.project.created",
        project,
    )
    return project


def project_edit_rules(project: Project, actor) -> dict[str, FieldRule]:
    """The fields of a project that `actor` may not change now, and why.

    The name and the targets can always change. The voivodeship decides who sees the project
    and where its calls' applicants come from, so only the national operator moves it, and
    only while the project has no call.
    """
    if not can(actor, Capability.CREATE_RECRUITMENT_PROJECTS):
        note = _("Only the national operator moves a project to another voivodeship.")
        return {"voivodeship": FieldRule(locked=True, note=note)}
    if project.calls.exists():
        note = _(
            "The project has calls, whose applicants come from this voivodeship: it can no "
            "longer change."
        )
        return {"voivodeship": FieldRule(locked=True, note=note)}
    return {}


@service
def project_update(
    *,
    actor: Actor,
    project: Project,
    name: str | None = None,
    voivodeship=UNCHANGED,
    target_jst: int | None = None,
    target_people: int | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Project:
    """Change a project's name, targets, dates or (see `project_edit_rules`) voivodeship;
    audited with every changed value before and after. Nothing changed records nothing.

    Plans made before keep their dates: publishing one is refused when a meeting falls outside
    the project's dates (`planning.services.plan_publish_blocker`)."""
    require(actor, Capability.RUN_RECRUITMENT, project, OPERATORS_ONLY)
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("voivodeship")
        .get(pk=project.pk)
    )
    if name is not None and not name.strip():
        raise DomainError(_("Give the project a name."), field="name")
    rules = project_edit_rules(project, actor)
    changes = {}
    if name is not None and name.strip() != project.name:
        changes["name"] = [project.name, name.strip()]
        project.name = name.strip()
    for field, value in (("target_jst", target_jst), ("target_people", target_people)):
        if value is not None and value != getattr(project, field):
            changes[field] = [getattr(project, field), value]
            setattr(project, field, value)
    _check_dates(starts_on or project.starts_on, ends_on or project.ends_on)
    for field, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and value != getattr(project, field):
            before = getattr(project, field)
            changes[field] = [before.isoformat() if before else None, value.isoformat()]
            setattr(project, field, value)
    if voivodeship is not UNCHANGED and getattr(voivodeship, "pk", None) != project.voivodeship_id:
        rule = rules.get("voivodeship")
        if rule and rule.locked:
            raise DomainError(rule.note, field="voivodeship")
        changes["voivodeship"] = [_code(project.voivodeship), _code(voivodeship)]
        project.voivodeship = voivodeship
    if not changes:
        return project
    project.save()
    audit.record(
        actor,
        "recruitment.project.updated",
        project,
        {"changes": changes},
    )
    return project


def _code(voivodeship) -> str:
    return voivodeship.code if voivodeship is not None else ""
