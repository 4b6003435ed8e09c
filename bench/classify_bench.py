"""Benchmark of the consultation-comment classifier: the old model against the new in one run.

Old: trained on data/starter.csv alone, lemma + character TF-IDF (the model before #17).
New: trained on data/starter.csv + data/train/*.csv (many voices), with the lexicon features.
Both are scored on every evaluation set: data/heldout.csv (the old held-out set) and the two
sets of data/eval/ written before the model was changed, in voices no training file uses.
None of these sets is fitted or tuned on.

    /work/main/.venv/bin/python bench/classify_bench.py [--tune] [--confusion]

--tune reruns the small grid the defaults were chosen from, scored by leave-one-voice-out
cross-validation on the training files only (each voice file of data/train/ is held out in
turn; the starter set always trains). --confusion prints the new model's confusion matrices.
"""

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from akademia.consultations.nlp import normalize  # noqa: E402
from akademia.consultations.nlp.blocks import BLOCKS, top_level  # noqa: E402
from akademia.consultations.nlp.datasets import (  # noqa: E402
    EVAL_SETS,
    eval_examples,
    heldout_examples,
    load_examples,
    starter_examples,
    training_examples,
    voice_files,
)
from akademia.consultations.nlp.model import ModelConfig, timed_train, train  # noqa: E402

THROUGHPUT_SIZE = 10_000
OLD_CONFIG = ModelConfig(lexicon_weight=0.0)
SHORT = {
    "concept": "concept",
    "scope": "scope",
    "audience": "audience",
    "methods": "methods",
    "intersession": "inters",
    "organisation.groups": "o.groups",
    "organisation.teams": "o.teams",
    "organisation.duration": "o.durat",
    "organisation.modules": "o.modul",
    "organisation.schedule": "o.sched",
}


def accuracies(truth: list[str], predicted: list[str]) -> tuple[float, float]:
    """(top-level accuracy, ten-code accuracy)."""
    pairs = list(zip(truth, predicted, strict=True))
    tops = np.mean([top_level(t) == top_level(p) for t, p in pairs])
    codes = np.mean([t == p for t, p in pairs])
    return float(tops), float(codes)


def score(model, examples) -> tuple[float, float, list[str]]:
    predicted = [p.block for p in model.predict([text for text, _ in examples])]
    top, leaf = accuracies([block for _, block in examples], predicted)
    return top, leaf, predicted


def voice_cv(config: ModelConfig) -> tuple[float, float]:
    """Leave-one-voice-out on the training files: train on the starter set and all other
    voice files, score the held-out voice; mean over voices of (top level, ten codes)."""
    starter = starter_examples()
    files = voice_files()
    voices = [load_examples(path) for path in files]
    tops, codes = [], []
    for index, held in enumerate(voices):
        rest = [example for j, voice in enumerate(voices) if j != index for example in voice]
        model = train(starter + rest, config)
        top, leaf, _ = score(model, held)
        tops.append(top)
        codes.append(leaf)
    return float(np.mean(tops)), float(np.mean(codes))


def print_confusion(name: str, truth: list[str], predicted: list[str]) -> None:
    """Full matrix (rows = truth) plus the most frequent confusions in words."""
    print(f"\nConfusion matrix of the new model on {name} (rows = true block):")
    print(" " * 10 + " ".join(f"{SHORT[b]:>8}" for b in BLOCKS) + "  recall")
    counts = Counter(zip(truth, predicted, strict=True))
    for actual in BLOCKS:
        row = [counts[(actual, guess)] for guess in BLOCKS]
        recall = counts[(actual, actual)] / max(sum(row), 1)
        print(f"{SHORT[actual]:>10}" + " ".join(f"{n:>8}" for n in row) + f"  {recall:6.1%}")
    errors = [(pair, n) for pair, n in counts.most_common() if pair[0] != pair[1]]
    print("Most frequent confusions (true -> predicted):")
    for (actual, guess), n in errors[:6]:
        print(f"  {n} x {actual} -> {guess}")


def throughput(model, texts: list[str]) -> float:
    """Comments per second on THROUGHPUT_SIZE comments, with a cold lemma cache."""
    rng = random.Random(0)
    batch = [rng.choice(texts) for _ in range(THROUGHPUT_SIZE)]
    normalize.folded_lemma.cache_clear()
    start = time.perf_counter()
    model.predict(batch)
    return THROUGHPUT_SIZE / (time.perf_counter() - start)


def tune() -> None:
    """The staged grid the defaults came from; training files only, never an evaluation set."""
    grid = [ModelConfig()]
    grid += [ModelConfig(lexicon_weight=w) for w in (0.0, 0.3, 0.5, 1.0)]
    grid += [ModelConfig(c=c) for c in (5.0, 50.0)]
    grid += [ModelConfig(char_weight=w) for w in (0.5, 1.5)]
    print("\nLeave-one-voice-out grid (training files only):")
    for config in grid:
        top, leaf = voice_cv(config)
        print(
            f"  C={config.c:g} chars={config.char_weight:g} lexicon={config.lexicon_weight:g}: "
            f"top level {top:.1%}, ten codes {leaf:.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="also run the hyper-parameter grid")
    parser.add_argument("--confusion", action="store_true", help="print confusion matrices")
    args = parser.parse_args()

    normalize.folded_lemma("zjazd")  # load simplemma's dictionary outside the timings
    starter, training = starter_examples(), training_examples()
    old, old_seconds = timed_train(starter, OLD_CONFIG)
    new, new_seconds = timed_train(training)
    print(f"Old model: {len(starter)} training comments, lemmas + chars, {old_seconds:.2f} s")
    print(
        f"New model: {len(training)} training comments ({len(voice_files())} voice files), "
        f"lemmas + chars + lexicon, {new_seconds:.2f} s"
    )

    sets = [("old held-out (heldout.csv)", heldout_examples())]
    sets += [(f"new: {name} (eval/{name}.csv)", eval_examples(name)) for name in EVAL_SETS]
    print("\nAccuracy (target >= 85% top level, >= 75% ten codes on the new sets):")
    print(f"{'set':<32}{'n':>5}  {'old top':>8} {'old leaf':>8}  {'new top':>8} {'new leaf':>8}")
    details = []
    for name, examples in sets:
        old_top, old_leaf, _ = score(old, examples)
        new_top, new_leaf, predicted = score(new, examples)
        details.append((name, [block for _, block in examples], predicted))
        print(
            f"{name:<32}{len(examples):>5}  {old_top:>8.1%} {old_leaf:>8.1%}"
            f"  {new_top:>8.1%} {new_leaf:>8.1%}"
        )
    unseen = [example for name in EVAL_SETS for example in eval_examples(name)]
    old_top, old_leaf, _ = score(old, unseen)
    new_top, new_leaf, _ = score(new, unseen)
    print(
        f"{'new sets together':<32}{len(unseen):>5}  {old_top:>8.1%} {old_leaf:>8.1%}"
        f"  {new_top:>8.1%} {new_leaf:>8.1%}"
    )

    if args.confusion:
        for name, truth, predicted in details:
            print_confusion(name, truth, predicted)

    texts = [text for _, examples in sets for text, _ in examples]
    print(
        f"\nThroughput on {THROUGHPUT_SIZE:,} comments, cold lemma cache (target >= 1000/s): "
        f"old {throughput(old, texts):,.0f}/s, new {throughput(new, texts):,.0f}/s"
    )

    if args.tune:
        tune()


if __name__ == "__main__":
    main()
