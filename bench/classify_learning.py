"""Learning from operators: retrain on the first k confirmed comments of a consultation, score
the rest, against the k = 0 model (the shipped one) in the same run.

A consultation of a programme the shipped model has never seen is simulated by each stream of
data/streams/ (public procurement, cyber-security, climate adaptation; each in a channel no other
data file uses, data/streams/README.md), shuffled once per seed. The first k comments play the
blocks an operator confirmed or corrected; the model is retrained with the product's recipe
(`nlp.model.retrain_with_confirmed`, which `consultations.classifier.retrain` calls: the shipped
training set plus those k). Every k of a shuffle is scored on the same last n - 200 comments,
so k = 0 and k = 50 / 100 / 200 are compared on the same tail.

    .venv/bin/python bench/classify_learning.py [--seeds 10] [--adapt] [--legacy] [--tune]

--adapt also scores a nearest-neighbour blend of the shipped model with the confirmed comments
(no retraining); --legacy the first version of this benchmark (old held-out + notes + letters as
one stream, which the shipped model already handles at ~96 %); --tune compares local_weight on
the training voices only (each voice file of data/train/ plays the consultation in turn). No
setting is chosen on the streams.

Figures (2026-12-06, `--seeds 10 --adapt`, load average 2.8-3.7 on the shared 2 cores; accuracy
is deterministic). Shipped model (k = 0) on each whole stream, top / leaf: procurement 91.6 / 91.2,
cyber 86.1 / 84.4, climate 91.5 / 91.1. Retraining on the first k, scored on the same tail (62 /
44 / 48 comments), mean over 10 shuffles (worst shuffle), gain = against k = 0 on that shuffle:

    stream       k   top            leaf           leaf gain, pp
    procurement  0   90.2 (82.3)    89.7 (80.6)
                50   92.3 (88.7)    91.8 (88.7)    +2.1 (+0.0)
               100   93.5 (90.3)    93.1 (88.7)    +3.4 (+0.0)
               200   94.7 (90.3)    94.2 (88.7)    +4.5 (+0.0)
    cyber        0   85.0 (77.3)    82.5 (70.5)
                50   85.9 (79.5)    84.3 (77.3)    +1.8 (-2.3)
               100   87.5 (81.8)    86.4 (79.5)    +3.9 (+0.0)
               200   87.5 (84.1)    86.8 (81.8)    +4.3 (-2.3)
    climate      0   89.2 (83.3)    88.8 (83.3)
                50   90.0 (85.4)    89.6 (85.4)    +0.8 (-4.2)
               100   91.3 (85.4)    90.8 (85.4)    +2.1 (-4.2)
               200   92.9 (89.6)    92.5 (89.6)    +3.8 (-2.1)

Pooled over the 30 shuffle x stream runs, top / leaf gain: k = 50 +1.3 / +1.6 pp (leaf rose in
14 runs, equal in 12, fell in 4), k = 100 +2.7 / +3.1 (21 / 7 / 2), k = 200 +3.6 / +4.2 (24 / 4 /
2). The nearest-neighbour blend gains less: +0.7 / +1.4 / +0.8 pp leaf. On the legacy stream the
shipped model gains nothing (95.2 % leaf at k = 0, -0.2 .. -0.1 pp), and on the training voices
(--tune, k = 40) local_weight 1 / 3 / 10 give -0.2 / -0.5 / -0.7 pp, so confirmed comments keep
weight 1.
"""

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from akademia.consultations.nlp import normalize  # noqa: E402
from akademia.consultations.nlp.blocks import top_level  # noqa: E402
from akademia.consultations.nlp.datasets import (  # noqa: E402
    EVAL_SETS,
    STREAMS,
    eval_examples,
    heldout_examples,
    load_examples,
    starter_examples,
    stream_examples,
    training_examples,
    voice_files,
)
from akademia.consultations.nlp.model import ModelConfig, retrain_with_confirmed  # noqa: E402

#: confirmed comments learnt from; every k of a stream is scored on its last len - max(KS)
KS = (0, 50, 100, 200)
LEGACY_KS = (0, 50, 100, 200, 400)
LEGACY_TAIL = 158
OLD_CONFIG = ModelConfig(lexicon_weight=0.0, local_weight=1.0)


def scores(truth: list[str], predicted: list[str]) -> tuple[float, float]:
    """(top-level, ten-code) accuracy."""
    pairs = list(zip(truth, predicted, strict=True))
    return (
        float(np.mean([top_level(t) == top_level(p) for t, p in pairs])),
        float(np.mean([t == p for t, p in pairs])),
    )


def accuracy(model, examples) -> tuple[float, float]:
    predicted = [p.block for p in model.predict([text for text, _ in examples])]
    return scores([block for _, block in examples], predicted)


def curve(base, config, stream, ks, tail) -> list[tuple[float, float]]:
    """Accuracy on the last `tail` comments after learning from the first k, for each k, with the
    product's recipe (`retrain_with_confirmed`, as the retraining task does)."""
    rest = stream[-tail:]
    return [accuracy(retrain_with_confirmed(stream[:k], config, shipped=base), rest) for k in ks]


#: nearest-neighbour adaptation: neighbours, blend weight × nearest similarity, vote power
ADAPT = (3, 0.5, 2.0)


def adapted_accuracy(model, stream, ks, tail) -> list[tuple[float, float]]:
    """Accuracy on the last `tail` comments of the shipped model blended with a vote of the
    first k comments nearest to each (no retraining), for each k."""
    from sklearn.preprocessing import normalize

    neighbours, alpha, power = ADAPT
    rest = stream[-tail:]
    texts, truth = [text for text, _ in rest], [block for _, block in rest]
    features = model.pipeline.named_steps["features"]
    classes = model.classes
    shipped = model.predict_proba(texts)
    vectors = normalize(features.transform(texts))
    out = []
    for k in ks:
        blended = shipped
        if k:
            confirmed = stream[:k]
            sim = (vectors @ normalize(features.transform([t for t, _ in confirmed])).T).toarray()
            labels = np.array([classes.index(block) for _, block in confirmed])
            nearest = np.argsort(-sim, axis=1)[:, :neighbours]
            vote = np.zeros_like(shipped)
            for i, row in enumerate(nearest):
                np.add.at(vote[i], labels[row], sim[i, row] ** power)
            vote /= np.maximum(vote.sum(axis=1, keepdims=True), 1e-12)
            weight = alpha * sim[np.arange(len(texts)), nearest[:, 0]][:, None]
            blended = (1 - weight) * shipped + weight * vote
        out.append(scores(truth, [classes[i] for i in blended.argmax(axis=1)]))
    return out


def shuffled(examples, seed: int) -> list:
    stream = list(examples)
    random.Random(seed).shuffle(stream)
    return stream


def print_stream_table(name: str, runs: np.ndarray, size: int, tail: int) -> None:
    """`runs`: seeds × ks × (top, leaf). Mean and worst seed of each accuracy and of its gain
    over k = 0 on the same shuffle."""
    gains = runs - runs[:, :1, :]
    print(
        f"\n{name}: {size} comments, {len(runs)} shuffles, every k scored on the same last {tail}"
    )
    print(
        f"{'k':>5}{'top mean':>10}{'min':>8}{'gain':>8}{'min':>8}"
        f"{'leaf mean':>11}{'min':>8}{'gain':>8}{'min':>8}"
    )
    for i, k in enumerate(KS):
        cells = []
        for level in (0, 1):
            acc, gain = runs[:, i, level], gains[:, i, level]
            cells += [f"{acc.mean():.1%}", f"{acc.min():.1%}"]
            cells += [f"{gain.mean() * 100:+.1f}", f"{gain.min() * 100:+.1f}"]
        widths = (10, 8, 8, 8, 11, 8, 8, 8)
        print(f"{k:>5}" + "".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))


def unseen_programmes(seeds: int, adapt: bool) -> None:
    """The figures of the docstring: each stream of data/streams/ a consultation of its own."""
    training = training_examples()
    shipped = retrain_with_confirmed([], shipped=training)
    pooled = {"retrain": [], "adapt": []}
    print("Shipped model (k = 0) on each whole stream, top / leaf:")
    for name in STREAMS:
        top, leaf = accuracy(shipped, stream_examples(name))
        print(f"  {name:<12} {top:.1%} / {leaf:.1%}")
    for name in STREAMS:
        examples = stream_examples(name)
        tail = len(examples) - max(KS)
        methods = {"retrain": []}
        if adapt:
            methods["adapt"] = []
        for seed in range(seeds):
            stream = shuffled(examples, seed)
            methods["retrain"].append(curve(training, ModelConfig(), stream, KS, tail))
            if adapt:
                methods["adapt"].append(adapted_accuracy(shipped, stream, KS, tail))
        for method, runs in methods.items():
            label = name if method == "retrain" else f"{name}, nearest-neighbour blend"
            print_stream_table(label, np.array(runs), len(examples), tail)
            pooled[method].append(np.array(runs))
    print("\nAll streams pooled (gain over k = 0 on the same tail, top / leaf, percentage points;")
    print("runs: shuffles × streams whose leaf accuracy rose / stayed / fell against k = 0):")
    for method, runs in pooled.items():
        if runs:
            gains = np.concatenate([r - r[:, :1, :] for r in runs])
            for i, k in enumerate(KS):
                if k:
                    leaf = gains[:, i, 1]
                    print(
                        f"  {method:>8} k={k:<4} {gains[:, i, 0].mean() * 100:+.1f} / "
                        f"{leaf.mean() * 100:+.1f}   runs {(leaf > 0).sum()} / "
                        f"{(leaf == 0).sum()} / {(leaf < 0).sum()}"
                    )


def legacy(seeds: int, adapt: bool) -> None:
    """The first version of this benchmark: the old held-out set and data/eval/ as one stream,
    texts the shipped model already handles at ~96 % (little left to learn)."""
    stream0 = heldout_examples() + [e for name in EVAL_SETS for e in eval_examples(name)]
    starter, training = starter_examples(), training_examples()
    results = {"old": [], "new": [], "adapt": []}
    shipped = retrain_with_confirmed([], shipped=training) if adapt else None
    for seed in range(seeds):
        stream = shuffled(stream0, seed)
        results["old"].append(curve(starter, OLD_CONFIG, stream, LEGACY_KS, LEGACY_TAIL))
        results["new"].append(curve(training, ModelConfig(), stream, LEGACY_KS, LEGACY_TAIL))
        if shipped is not None:
            results["adapt"].append(adapted_accuracy(shipped, stream, LEGACY_KS, LEGACY_TAIL))
    print(
        f"\nLegacy stream: {len(stream0)} comments (old held-out + notes + letters), "
        f"{seeds} shuffles; each k scored on the same last {LEGACY_TAIL} comments."
    )
    names = ("old", "new", "adapt") if adapt else ("old", "new")
    header = "".join(f"{f'{name} {level}':>17}" for name in names for level in ("top", "leaf"))
    print(f"{'k confirmed':>11}{header}")
    for i, k in enumerate(LEGACY_KS):
        cells = []
        for name in names:
            for level in (0, 1):
                now = np.mean([run[i][level] for run in results[name]])
                then = np.mean([run[0][level] for run in results[name]])
                cells.append(f"{now:>8.1%} ({now - then:+.1%})")
        print(f"{k:>11}" + "".join(f"{cell:>17}" for cell in cells))
    print("(in brackets: change against k = 0 of the same model on the same streams)")


def voice_gains(config: ModelConfig, seeds: int, shipped_voices: bool) -> tuple[float, float]:
    """Mean (k = 0, k = 40) ten-code accuracy when each training voice file plays the
    consultation in turn: the model trains on the starter set (plus, with `shipped_voices`, the
    other voice files), learns the voice's first 40 comments and is scored on the rest."""
    starter = starter_examples()
    voices = [load_examples(path) for path in voice_files()]
    before, after = [], []
    for index, voice in enumerate(voices):
        base = list(starter)
        if shipped_voices:
            base += [e for j, v in enumerate(voices) if j != index for e in v]
        for seed in range(seeds):
            stream = shuffled(voice, seed)
            (_, at_0), (_, at_40) = curve(base, config, stream, (0, 40), len(stream) - 40)
            before.append(at_0)
            after.append(at_40)
    return float(np.mean(before)), float(np.mean(after))


def tune(seeds: int) -> None:
    """local_weight on the training voices (never the evaluation sets or streams), and the same
    learning measured from the starter set alone, for which every voice is new."""
    print("\nEach training voice plays the consultation in turn (k = 40, ten codes):")
    for weight in (1.0, 3.0, 10.0):
        at_0, at_40 = voice_gains(ModelConfig(local_weight=weight), seeds, shipped_voices=True)
        print(
            f"  new model, other voices shipped, local_weight={weight:g}: "
            f"{at_0:.1%} -> {at_40:.1%} ({at_40 - at_0:+.1%})"
        )
    for weight in (1.0, 3.0, 10.0):
        config = ModelConfig(lexicon_weight=0.0, local_weight=weight)
        at_0, at_40 = voice_gains(config, seeds, shipped_voices=False)
        print(
            f"  old model, starter set only, local_weight={weight:g}: "
            f"{at_0:.1%} -> {at_40:.1%} ({at_40 - at_0:+.1%})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--adapt", action="store_true", help="also the nearest-neighbour blend")
    parser.add_argument("--legacy", action="store_true", help="also the first, saturated stream")
    parser.add_argument("--tune", action="store_true", help="also the training-voice comparison")
    args = parser.parse_args()
    normalize.folded_lemma("zjazd")
    unseen_programmes(args.seeds, args.adapt)
    if args.legacy:
        legacy(args.seeds, args.adapt)
    if args.tune:
        tune(min(args.seeds, 3))


if __name__ == "__main__":
    main()
