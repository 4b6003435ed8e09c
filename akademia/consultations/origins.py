"""Where a comment came from, as the app that made it tells: a registry filled by apps above
consultations (evaluation registers the surveys its comments came from in its `ready`), so the
trace of a change can lead back past the comment without consultations importing them.

A provider takes the comments of a page and returns, for those it knows, a list of
`Origin`s (a label and the address of a page that shows the source); one query per provider.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    label: str
    url: str


_providers: list[Callable[[list], dict[int, list[Origin]]]] = []


def register(provider: Callable[[list], dict[int, list[Origin]]]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def origins_of(comments: Iterable) -> dict[int, list[Origin]]:
    """comment pk → its origins, from every provider (none: no entry)."""
    comments = list(comments)
    found: dict[int, list[Origin]] = {}
    if not comments:
        return found
    for provider in _providers:
        for pk, origins in provider(comments).items():
            found.setdefault(pk, []).extend(origins)
    return found
