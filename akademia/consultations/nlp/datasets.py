"""Loading of the labelled comment sets shipped in `data/`.

starter.csv plus the files in data/train/ (many voices, data/train/README.md) train the default
model. heldout.csv and the files in data/eval/ were written separately and are only ever used to
measure it (bench and regression tests), never to fit or tune anything. The files in
data/streams/ stand for consultations of programmes the model has never seen; the learning
benchmark alone uses them, as simulated operator confirmations and as the comments it scores.
"""

import csv
from pathlib import Path

from .blocks import BLOCKS

DATA_DIR = Path(__file__).resolve().parent / "data"
STARTER_PATH = DATA_DIR / "starter.csv"
HELDOUT_PATH = DATA_DIR / "heldout.csv"
TRAIN_DIR = DATA_DIR / "train"
EVAL_DIR = DATA_DIR / "eval"
# The evaluation sets of #17 (data/eval/README.md): voices not used in any training file.
EVAL_SETS = ("notes", "letters")
STREAMS_DIR = DATA_DIR / "streams"
# Consultations of unseen programmes (data/streams/README.md), evaluation only.
STREAMS = ("procurement", "cyber", "climate")

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


def voice_files() -> list[Path]:
    """The training files written in distinct voices, in a stable order."""
    return sorted(TRAIN_DIR.glob("*.csv"))


def training_examples() -> list[Example]:
    """The training set of the default model: the starter set plus every voice file."""
    examples = starter_examples()
    for path in voice_files():
        examples += load_examples(path)
    return examples


def eval_examples(name: str) -> list[Example]:
    """One evaluation set of data/eval/ by name ("notes", "letters"); never fit or tune on it."""
    if name not in EVAL_SETS:
        raise ValueError(f"unknown evaluation set {name!r}")
    return load_examples(EVAL_DIR / f"{name}.csv")


def stream_examples(name: str) -> list[Example]:
    """One consultation stream of data/streams/ by name, in its written order; evaluation only."""
    if name not in STREAMS:
        raise ValueError(f"unknown consultation stream {name!r}")
    return load_examples(STREAMS_DIR / f"{name}.csv")
