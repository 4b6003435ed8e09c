"""A project's venues and trainers: the default venues, saving, and deleting unused ones."""

from typing import NamedTuple

from django.utils.translation import gettext as _

from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.planning import selectors
from akademia.planning.models import Trainer, Venue
from akademia.planning.services.common import lock_project, require_planner
from akademia.recruitment.models import Project
from akademia.territory.models import County


class SeatPlace(NamedTuple):
    name: str
    county: County
    lat: float
    lon: float


def default_venue_places(project: Project) -> list[SeatPlace]:
    """Each distinct county seat ("siedziba powiatu") of the default counties, in code order.

    A town that is the seat of several counties (Bielsko-Biała: the city and powiat bielski)
    is one place, linked to the county it lies in. A county whose seat is not loaded yet
    (import_geo not re-run) falls back to its own inner point and name.
    """
    places: dict = {}
    for county in selectors.default_venue_counties(project):
        seat = county.seat
        if seat is not None:
            key, place = seat, SeatPlace(seat.name, seat.county, *seat.point)
        else:
            key, place = county, SeatPlace(str(county), county, *county.point)
        if key not in places and place.lat is not None and place.lon is not None:
            places[key] = place
    return list(places.values())


@service
def venues_ensure_defaults(*, actor: Actor, project: Project, max_groups: int = 2) -> int:
    """Create the default venues once, one per distinct county seat (a project that has venues
    is left alone)."""
    require_planner(actor, project)
    lock_project(project.pk)
    if project.venues.exists():
        return 0
    places = default_venue_places(project)
    for place in places:
        Venue.objects.create(project=project, max_groups=max_groups, **place._asdict())
    audit.record(actor, "planning.venues.defaults", project, {"venues": len(places)})
    return len(places)


@service
def venue_save(*, actor: Actor, project: Project, venue: Venue | None = None, **fields) -> Venue:
    require_planner(actor, project)
    venue = venue or Venue(project=project)
    for name, value in fields.items():
        setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    audit.record(actor, "planning.venue.saved", venue)
    return venue


@service
def trainer_save(
    *, actor: Actor, project: Project, trainer: Trainer | None = None, **fields
) -> Trainer:
    require_planner(actor, project)
    trainer = trainer or Trainer(project=project)
    for name, value in fields.items():
        setattr(trainer, name, value)
    if trainer.home_jst_id is None and (trainer.lat is None or trainer.lon is None):
        raise DomainError(_("Give the trainer's home: a JST or coordinates."), field="home_jst")
    trainer.full_clean()
    trainer.save()
    audit.record(actor, "planning.trainer.saved", trainer)
    return trainer


def venue_delete_blocker(venue: Venue) -> str:
    """Why the venue cannot be deleted, or "" when it can."""
    if selectors.venue_in_published_plan(venue):
        return _(
            "This venue cannot be deleted: the groups of a published plan meet there (the "
            "current plan or an earlier one, kept as history). Switch it off instead: untick "
            "“used in plans” on its page and the planner will not use it again."
        )
    return ""


def trainer_delete_blocker(trainer: Trainer) -> str:
    """Why the trainer cannot be deleted, or "" when they can."""
    if selectors.trainer_in_published_plan(trainer):
        return _(
            "This trainer cannot be deleted: they lead groups or meetings of a published plan "
            "(the current plan or an earlier one, kept as history). To keep the planner from "
            "choosing them, untick “used in plans” on their page."
        )
    return ""


def _delete_unused(*, actor: Actor, item: Venue | Trainer, blocker, action: str) -> None:
    """Delete a venue or trainer no published plan uses (`blocker` says why not); draft plans
    keep it in their stored problem, so they still read."""
    require_planner(actor, item.project)
    lock_project(item.project_id)
    reason = blocker(item)
    if reason:
        raise DomainError(reason)
    audit.record(actor, action, item, {"name": item.name, "project": item.project_id})
    item.delete()


@service
def venue_delete(*, actor: Actor, venue: Venue) -> None:
    _delete_unused(
        actor=actor, item=venue, blocker=venue_delete_blocker, action="planning.venue.deleted"
    )


@service
def trainer_delete(*, actor: Actor, trainer: Trainer) -> None:
    _delete_unused(
        actor=actor, item=trainer, blocker=trainer_delete_blocker, action="planning.trainer.deleted"
    )
