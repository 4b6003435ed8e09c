"""Learning from operators: retrain on the first k confirmed comments of a consultation, score
the rest, against the k = 0 model in the same run.

A consultation is simulated by a stream of labelled comments nobody trained or tuned on: the
old held-out set and the two evaluation sets of data/eval/ (558 comments in three voices),
shuffled (one stream per seed). The first k comments play the blocks an operator confirmed or
corrected; retraining learns from the shipped training set plus those k (as
`consultations.classifier.retrain` does), and every k is scored on the same last TAIL
comments of the stream, so the figures are comparable across k.

    /work/main/.venv/bin/python bench/classify_learning.py [--seeds 3] [--tune] [--adapt]

Columns: "old" retrains as before #17 (starter set + confirmed, equal weights, no lexicon);
"new" is the current model (all training files + confirmed, each confirmed comment weighing
ModelConfig.local_weight). --tune compares local_weight 1 / 3 / 10 on the training voices only:
each voice file of data/train/ plays the consultation in turn (the model trains on the others);
it also shows the same learning for the old model, to which every voice is new.
--adapt also scores a per-consultation adaptation without retraining: the shipped model's
probabilities blended with a nearest-neighbour vote over the consultation's confirmed comments
(the model's own features, cosine), weighted by how close the nearest confirmed comment is.
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
    eval_examples,
    heldout_examples,
    load_examples,
    starter_examples,
    training_examples,
    voice_files,
)
from akademia.consultations.nlp.model import ModelConfig, train  # noqa: E402

KS = (0, 50, 100, 200, 400)
TAIL = 158
OLD_CONFIG = ModelConfig(lexicon_weight=0.0, local_weight=1.0)


def accuracy(model, examples) -> tuple[float, float]:
    predicted = [p.block for p in model.predict([text for text, _ in examples])]
    pairs = list(zip([block for _, block in examples], predicted, strict=True))
    return (
        float(np.mean([top_level(t) == top_level(p) for t, p in pairs])),
        float(np.mean([t == p for t, p in pairs])),
    )


def curve(base, config, stream, ks, tail) -> list[tuple[float, float]]:
    """Accuracy on the last `tail` comments after learning from the first k, for each k."""
    rest = stream[-tail:]
    return [accuracy(train(base, config, local=stream[:k]), rest) for k in ks]


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
        predicted = [classes[i] for i in blended.argmax(axis=1)]
        pairs = list(zip(truth, predicted, strict=True))
        out.append(
            (
                float(np.mean([top_level(t) == top_level(p) for t, p in pairs])),
                float(np.mean([t == p for t, p in pairs])),
            )
        )
    return out


def evaluation_stream(seed: int) -> list:
    stream = heldout_examples() + [e for name in EVAL_SETS for e in eval_examples(name)]
    random.Random(seed).shuffle(stream)
    return stream


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
            stream = list(voice)
            random.Random(seed).shuffle(stream)
            (_, at_0), (_, at_40) = curve(base, config, stream, (0, 40), len(stream) - 40)
            before.append(at_0)
            after.append(at_40)
    return float(np.mean(before)), float(np.mean(after))


def tune(seeds: int) -> None:
    """local_weight on the training voices (never the evaluation sets), and the same learning
    measured from the starter set alone, for which every voice is new."""
    print("\nEach training voice plays the consultation in turn (k = 40, ten codes):")
    for weight in (1.0, 3.0, 10.0):
        at_0, at_40 = voice_gains(ModelConfig(local_weight=weight), seeds, shipped_voices=True)
        print(
            f"  new model, other voices shipped, local_weight={weight:g}: "
            f"{at_0:.1%} -> {at_40:.1%} ({at_40 - at_0:+.1%})"
        )
    at_0, at_40 = voice_gains(OLD_CONFIG, seeds, shipped_voices=False)
    print(f"  old model, starter set only: {at_0:.1%} -> {at_40:.1%} ({at_40 - at_0:+.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--tune", action="store_true", help="also the training-voice comparison")
    parser.add_argument("--adapt", action="store_true", help="also the nearest-neighbour blend")
    args = parser.parse_args()
    normalize.folded_lemma("zjazd")

    starter, training = starter_examples(), training_examples()
    results = {"old": [], "new": [], "adapt": []}
    shipped = train(training) if args.adapt else None
    for seed in range(args.seeds):
        stream = evaluation_stream(seed)
        results["old"].append(curve(starter, OLD_CONFIG, stream, KS, TAIL))
        results["new"].append(curve(training, ModelConfig(), stream, KS, TAIL))
        if shipped is not None:
            results["adapt"].append(adapted_accuracy(shipped, stream, KS, TAIL))
    print(
        f"Consultation of {len(evaluation_stream(0))} comments (old held-out + notes + letters), "
        f"{args.seeds} shuffles; each k scored on the same last {TAIL} comments."
    )
    names = ("old", "new", "adapt") if args.adapt else ("old", "new")
    header = "".join(f"{f'{name} {level}':>17}" for name in names for level in ("top", "leaf"))
    print(f"{'k confirmed':>11}{header}")
    for i, k in enumerate(KS):
        cells = []
        for name in names:
            top = np.mean([run[i][0] for run in results[name]])
            leaf = np.mean([run[i][1] for run in results[name]])
            top0 = np.mean([run[0][0] for run in results[name]])
            leaf0 = np.mean([run[0][1] for run in results[name]])
            cells.append(f"{top:>8.1%} ({top - top0:+.1%})")
            cells.append(f"{leaf:>8.1%} ({leaf - leaf0:+.1%})")
        print(f"{k:>11}" + "".join(f"{cell:>17}" for cell in cells))
    print("(in brackets: change against k = 0 of the same model on the same streams)")

    if args.tune:
        tune(args.seeds)


if __name__ == "__main__":
    main()
