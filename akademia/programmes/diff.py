"""A readable diff between two programme versions.

Every change has a stable `path` ("field:group_max", "modules:count", "module:<key>",
"module:<key>:hours", "module:<key>:methods"), so that a consultation decision can point at the
change it caused and the diff page can show the comments behind each change.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from akademia.programmes.models import (
    AdvisoryMode,
    Audience,
    Method,
    Module,
    ProgrammeVersion,
    weekday_names,
)
from akademia.territory.kinds import ExchangeGroupKind

VERSION_FIELDS = [
    "title", "goal", "target_kinds", "audience", "advisory_hours", "advisory_mode",
    "group_min", "group_max", "team_min", "team_max", "team_min_managers", "duration_months",
    "period_start", "period_end", "days_per_meeting", "gap_min_weeks", "gap_max_weeks",
    "weekdays", "start_hour", "end_hour",
]  # fmt: skip
MODULE_FIELDS = ["title", "hours", "learning_outcomes", "intersession_task"]
LONG_TEXT = {"goal", "learning_outcomes", "intersession_task"}


@dataclass(frozen=True)
class Change:
    path: str
    text: str
    before: str = ""
    after: str = ""


def _display(field: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if field == "audience":
        return str(Audience(value).label)
    if field == "advisory_mode":
        return str(AdvisoryMode(value).label)
    if field == "target_kinds":
        return ", ".join(str(ExchangeGroupKind(v).label) for v in value)
    if field == "weekdays":
        return weekday_names(value)
    if field == "methods":
        return ", ".join(str(Method(v).label) for v in value)
    if field.endswith("hour") and hasattr(value, "strftime"):
        return formats.time_format(value, "TIME_FORMAT")
    if hasattr(value, "strftime"):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int | float | Decimal):
        # 7,5 hours in Polish; a whole number of hours without ",0".
        return formats.number_format(value, 0 if value == int(value) else 1)
    return str(value)


def _field_label(model, field: str) -> str:
    return capfirst(str(model._meta.get_field(field).verbose_name))


def _field_change(path: str, label: str, field: str, before, after) -> Change:
    if field in LONG_TEXT:
        return Change(path, _("%(label)s: changed") % {"label": label}, str(before), str(after))
    b, a = _display(field, before), _display(field, after)
    return Change(path, f"{label}: {b} → {a}", b, a)


def diff_versions(old: ProgrammeVersion, new: ProgrammeVersion) -> list[Change]:
    changes = [
        _field_change(
            f"field:{field}",
            _field_label(ProgrammeVersion, field),
            field,
            getattr(old, field),
            getattr(new, field),
        )
        for field in VERSION_FIELDS
        if getattr(old, field) != getattr(new, field)
    ]
    return changes + _module_changes(list(old.modules.all()), list(new.modules.all()))


def _module_changes(old: list[Module], new: list[Module]) -> list[Change]:
    changes = []
    if len(old) != len(new):
        changes.append(
            Change(
                "modules:count",
                _("Number of modules: %(before)d → %(after)d")
                % {"before": len(old), "after": len(new)},
                str(len(old)),
                str(len(new)),
            )
        )
    before = {m.key: m for m in old}
    after = {m.key: m for m in new}
    for module in new:
        if module.key not in before:
            changes.append(
                Change(
                    f"module:{module.key}", _("Module added: %(title)s") % {"title": module.title}
                )
            )
    for module in old:
        if module.key not in after:
            changes.append(
                Change(
                    f"module:{module.key}", _("Module removed: %(title)s") % {"title": module.title}
                )
            )
    # Positions among the modules both versions have: removing one does not "move" the rest.
    old_rank = {key: i for i, key in enumerate(m.key for m in old if m.key in after)}
    new_rank = {key: i for i, key in enumerate(m.key for m in new if m.key in before)}
    for module in new:
        if module.key in before:
            moved = old_rank[module.key] != new_rank[module.key]
            changes += _one_module(before[module.key], module, moved)
    return changes


def _one_module(old: Module, new: Module, moved: bool) -> list[Change]:
    prefix = f"module:{new.key}"
    name = _("Module “%(title)s”") % {"title": new.title}
    changes = [
        _field_change(
            f"{prefix}:{field}",
            f"{name}, {_field_label(Module, field).lower()}",
            field,
            getattr(old, field),
            getattr(new, field),
        )
        for field in MODULE_FIELDS
        if getattr(old, field) != getattr(new, field)
    ]
    if moved:
        changes.append(
            Change(
                f"{prefix}:order",
                _("%(name)s moved from position %(before)d to %(after)d")
                % {"name": name, "before": old.order, "after": new.order},
            )
        )
    added = [m for m in new.methods if m not in old.methods]
    removed = [m for m in old.methods if m not in new.methods]
    if added or removed:
        parts = []
        if added:
            parts.append(_("method added: %(methods)s") % {"methods": _display("methods", added)})
        if removed:
            parts.append(
                _("method removed: %(methods)s") % {"methods": _display("methods", removed)}
            )
        changes.append(
            Change(
                f"{prefix}:methods",
                f"{name}: {'; '.join(parts)}",
                _display("methods", old.methods),
                _display("methods", new.methods),
            )
        )
    return changes
