"""The fixed thematic blocks of the January 2017 consultations.

The codes are stable identifiers stored by the web app; the Polish labels are the wording used in
the consultation reports, so they are what a reviewer sees next to a classified comment.
"""

BLOCK_LABELS: dict[str, str] = {
    "concept": "Ogólna koncepcja programów",
    "scope": "Zakres tematyczny, poziom szczegółowości",
    "audience": "Sprofilowanie ze względu na odbiorców",
    "methods": "Metody realizacji szkoleń",
    "intersession": "Zadania do realizacji w siedzibie jednostek",
    "organisation.groups": "Wielkość i skład grup szkoleniowych",
    "organisation.teams": "Wielkość i skład zespołów z JST",
    "organisation.duration": "Długość i czas realizacji programów",
    "organisation.modules": "Liczba i częstość modułów",
    "organisation.schedule": "Dni i godziny zjazdów/modułów",
}

BLOCKS: tuple[str, ...] = tuple(BLOCK_LABELS)

TOP_LEVEL_BLOCKS: tuple[str, ...] = (
    "concept",
    "scope",
    "audience",
    "methods",
    "intersession",
    "organisation",
)


def top_level(block: str) -> str:
    """Collapse an `organisation.*` code to `organisation`; reports are often read at that level."""
    return block.split(".", 1)[0]
