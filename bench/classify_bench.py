"""Benchmark of the consultation-comment classifier.

Trains on data/starter.csv, evaluates on data/heldout.csv (never used for fitting or tuning),
reports 5-fold cross-validation on the starter set and prediction throughput.

    /work/main/.venv/bin/python bench/classify_bench.py [--tune]

--tune reruns the small cross-validated grid (starter set only) the defaults were chosen from.
"""

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from akademia.consultations.nlp import normalize  # noqa: E402
from akademia.consultations.nlp.blocks import BLOCKS, top_level  # noqa: E402
from akademia.consultations.nlp.datasets import heldout_examples, starter_examples  # noqa: E402
from akademia.consultations.nlp.model import ModelConfig, timed_train, train  # noqa: E402

THROUGHPUT_SIZE = 10_000
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
    """(ten-code accuracy, top-level accuracy)."""
    codes = np.mean([t == p for t, p in zip(truth, predicted, strict=True)])
    tops = np.mean([top_level(t) == top_level(p) for t, p in zip(truth, predicted, strict=True)])
    return float(codes), float(tops)


def cross_validate(examples, config: ModelConfig, folds: int = 5) -> tuple[list, list]:
    """Stratified k-fold on the given examples; the folded-form index is refit in every fold."""
    texts = np.array([text for text, _ in examples], dtype=object)
    labels = np.array([block for _, block in examples])
    codes, tops = [], []
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
    for train_index, test_index in splitter.split(texts, labels):
        model = train(list(zip(texts[train_index], labels[train_index], strict=True)), config)
        predicted = [p.block for p in model.predict(list(texts[test_index]))]
        code_acc, top_acc = accuracies(list(labels[test_index]), predicted)
        codes.append(code_acc)
        tops.append(top_acc)
    return codes, tops


def print_confusion(truth: list[str], predicted: list[str]) -> None:
    """Full matrix (rows = truth) plus the most frequent confusions in words."""
    print("\nConfusion matrix on held-out (rows = true block, columns = predicted):")
    print(" " * 10 + " ".join(f"{SHORT[b]:>8}" for b in BLOCKS) + "  recall")
    counts = Counter(zip(truth, predicted, strict=True))
    for actual in BLOCKS:
        row = [counts[(actual, guess)] for guess in BLOCKS]
        recall = counts[(actual, actual)] / max(sum(row), 1)
        print(f"{SHORT[actual]:>10}" + " ".join(f"{n:>8}" for n in row) + f"  {recall:6.1%}")
    errors = [(pair, n) for pair, n in counts.most_common() if pair[0] != pair[1]]
    print("Most frequent confusions (true -> predicted):")
    for (actual, guess), n in errors[:8]:
        print(f"  {n} x {actual} -> {guess}")


def throughput(model, texts: list[str]) -> float:
    """Comments per second on THROUGHPUT_SIZE comments, with a cold lemma cache."""
    rng = random.Random(0)
    batch = [rng.choice(texts) for _ in range(THROUGHPUT_SIZE)]
    normalize.folded_lemma.cache_clear()
    start = time.perf_counter()
    model.predict(batch)
    return THROUGHPUT_SIZE / (time.perf_counter() - start)


def tune(starter) -> None:
    """The staged grid the defaults came from; starter set only, never the held-out set."""
    base = ModelConfig()
    grid = [base]
    grid += [ModelConfig(c=c) for c in (3.0, 10.0, 50.0, 100.0)]
    grid += [ModelConfig(char_ngrams=n) for n in ((1, 4), (2, 5), (2, 6))]
    grid += [ModelConfig(char_weight=w) for w in (0.5, 1.5)]
    grid += [ModelConfig(word_ngrams=(1, 1))]
    print("\nCross-validated grid (5-fold, starter set):")
    for config in grid:
        codes, tops = cross_validate(starter, config)
        print(f"  {config}: codes {np.mean(codes):.1%}, top level {np.mean(tops):.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="also run the hyper-parameter grid")
    args = parser.parse_args()

    starter, heldout = starter_examples(), heldout_examples()
    print(f"Starter set: {len(starter)} comments; held-out set: {len(heldout)} comments")
    normalize.folded_lemma("zjazd")  # load simplemma's dictionary outside the timings

    codes, tops = cross_validate(starter, ModelConfig())
    print(
        f"5-fold CV on starter: codes {np.mean(codes):.1%} (+/- {np.std(codes):.1%}), "
        f"top level {np.mean(tops):.1%} (+/- {np.std(tops):.1%})"
    )

    model, seconds = timed_train(starter)
    print(f"Training on {len(starter)} comments: {seconds:.2f} s")
    doubled = starter + [(text + " Tyle ode mnie.", block) for text, block in starter]
    print(f"Training on {len(doubled)} comments: {timed_train(doubled)[1]:.2f} s")

    truth = [block for _, block in heldout]
    predictions = model.predict([text for text, _ in heldout])
    predicted = [p.block for p in predictions]
    code_acc, top_acc = accuracies(truth, predicted)
    print(f"\nHeld-out accuracy, top-level block: {top_acc:.1%} (target >= 85%)")
    print(f"Held-out accuracy, ten codes:       {code_acc:.1%} (target >= 75%)")
    right = [p.confidence for p, t in zip(predictions, truth, strict=True) if p.block == t]
    wrong = [p.confidence for p, t in zip(predictions, truth, strict=True) if p.block != t]
    print(
        f"Mean confidence: {np.mean(right):.2f} when right, "
        f"{np.mean(wrong) if wrong else float('nan'):.2f} when wrong"
    )
    print_confusion(truth, predicted)

    rate = throughput(model, [text for text, _ in heldout + starter])
    print(f"\nThroughput: {rate:,.0f} comments/s on {THROUGHPUT_SIZE:,} comments (target >= 1000)")

    if args.tune:
        tune(starter)


if __name__ == "__main__":
    main()
