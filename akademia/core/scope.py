"""How a model's rows belong to the territory and to people: declared once, on the model.

    class Application(models.Model):
        scope = ScopePaths(voivodeship="call__project__voivodeship", jst="jst", own="coordinator")

The paths are ORM lookups from the model to a Voivodeship, to a Jst, to the user who made the
row, to the experts who wrote the programme it is about, to the trainers who teach it and to
the one person a row is about. The permission layer
(`accounts.permissions.visible`) filters querysets by them and the audit log files an entry
under the voivodeship they lead to, so no caller spells a path again.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class ScopePaths:
    """A row is in a regional operator's or trainer's scope through `voivodeship` (one path, or
    several that are alternatives, e.g. a user's JST or their own voivodeships); a path that
    leads to nothing (the pilot project has no voivodeship) keeps the row national. `national`
    marks a model that belongs to no territory (a programme, a national consultation round):
    people scoped to voivodeships see all of its rows.

    Two paths narrow a scope for rows about training people (delivery): `teacher` leads to the
    users who teach the row's group (one path or alternatives): a trainer sees only those rows,
    instead of every row of their voivodeships; `person` leads to the one user the row is about
    (a participant's attendance): a participant sees only their own rows, not their whole JST's.
    """

    voivodeship: str | tuple[str, ...] | None = None
    jst: str | None = None
    own: str | None = None
    author: str | None = None
    national: bool = False
    teacher: str | tuple[str, ...] | None = None
    person: str | None = None

    @property
    def voivodeship_paths(self) -> tuple[str, ...]:
        return _paths(self.voivodeship)

    @property
    def teacher_paths(self) -> tuple[str, ...]:
        return _paths(self.teacher)


def _paths(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value


def scope_paths(model) -> ScopePaths:
    paths = getattr(model, "scope", None)
    if not isinstance(paths, ScopePaths):
        raise TypeError(f"{model.__name__} declares no `scope = ScopePaths(...)`")
    return paths


def follow(obj, path: str | None):
    """The object a lookup path leads to from `obj` (the first one, by pk, across a to-many
    relation), or None. "pk" is the object itself (a voivodeship's own path)."""
    if not path:
        return None
    for name in path.split("__"):
        if name == "pk":
            continue
        obj = getattr(obj, name, None)
        if isinstance(obj, models.Manager):
            obj = obj.order_by("pk").first()
        if obj is None:
            return None
    return obj


def voivodeship_code_of(obj: models.Model) -> str:
    """The voivodeship an audit entry about `obj` belongs to ("" for national objects).

    A model whose answer depends on more than one path says so itself (`audit_voivodeship_code`,
    e.g. a user: their JST's voivodeship, or the first of theirs)."""
    own = getattr(obj, "audit_voivodeship_code", None)
    if own is not None:
        return own
    paths = getattr(type(obj), "scope", None)
    voivodeship = None
    if isinstance(paths, ScopePaths) and paths.voivodeship_paths:
        voivodeship = follow(obj, paths.voivodeship_paths[0])
    return getattr(voivodeship, "code", "") or ""
