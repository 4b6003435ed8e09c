"""Loading of the labelled comment sets shipped in `data/`.

starter.csv trains the default model; heldout.csv was written separately and is only ever used
to measure it (bench and regression test), never to fit or tune anything.
"""

import csv
from pathlib import Path

from .blocks import BLOCKS

DATA_DIR = Path(__file__).resolve().parent / "data"
STARTER_PATH = DATA_DIR / "starter.csv"
HELDOUT_PATH = DATA_DIR / "heldout.csv"

Example = tuple[str, str]


def load_examples(path: Path | str) -> list[Example]:
    """Read a `text,block` CSV; unknown codes are rejected so a typo cannot become a new class."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    examples = [(row["text"].strip(), row["block"].strip()) for row in rows]
    unknown = sorted({block for _, block in examples} - set(BLOCKS))
    if unknown:
        raise ValueError(f"{path}: unknown block codes {unknown}")
    return [(text, block) for text, block in examples if text]


def starter_examples() -> list[Example]:
    """The training set of the default model."""
    return load_examples(STARTER_PATH)


def heldout_examples() -> list[Example]:
    """The evaluation set; keep it out of any fitting or tuning."""
    return load_examples(HELDOUT_PATH)
