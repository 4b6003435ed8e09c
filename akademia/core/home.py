"""The signed-in home page: what a person has to do and where things stand.

Core imports no domain app, so each app contributes the panels it knows about, registered in
its `AppConfig.ready` (as job handlers and audit labels are):

    home.panel(Capability.RUN_RECRUITMENT, "recruitment/home/calls.html", selectors.home_calls)

A panel is shown to whoever has its capability (asked of the one permission API, never a
role); only then is its selector called, with the user, to read its figures (a constant number
of queries, scoped by `visible`). The template gets them as `figures`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from akademia.accounts.permissions import can


@dataclass(frozen=True)
class Panel:
    capability: str
    template: str
    figures: Callable[[Any], Any]
    order: int


@dataclass(frozen=True)
class ShownPanel:
    template: str
    figures: Any


_PANELS: dict[str, Panel] = {}


def panel(capability: str, template: str, figures: Callable[[Any], Any], *, order: int) -> None:
    """Register a panel (again on a second `ready`: keyed by its template)."""
    _PANELS[template] = Panel(capability, template, figures, order)


def panels_for(user) -> list[ShownPanel]:
    """The panels this user may see, in order, each with its figures read."""
    shown = sorted((p for p in _PANELS.values() if can(user, p.capability)), key=lambda p: p.order)
    return [ShownPanel(p.template, p.figures(user)) for p in shown]
