"""Comment classifier: TF-IDF over folded lemmas and folded characters, lexicon hits per block,
then logistic regression.

Three views of the text complement each other.  Lemma uni/bigrams generalise over Polish
inflection ("zjazdów" ~ "zjazd").  Character n-grams of the folded raw text catch what the
lemmatiser misses: words typed without diacritics that the training texts never contained,
typos, derivations ("dwudziestoosobowa") and numbers.  The curated lexicon (`lexicon.py`)
carries each block's meaning to words no training comment used.  Logistic regression gives
probabilities directly, which the web app shows as the confidence of a suggested block.

Comments an operator confirmed in this installation (`local`) join the shipped training set with
their own sample weight (`ModelConfig.local_weight`; 1 by default: weighting them 3 or 10 times
lost 0.3-0.5 pp in leave-one-voice-out tests, bench/classify_learning.py --tune).
`retrain_with_confirmed` is that recipe, shared by the retraining task and the benchmark; on
consultations of programmes the shipped set never covered (data/streams/) it gains +1.6 / +3.1 /
+4.2 pp leaf after 50 / 100 / 200 confirmed comments.
"""

from __future__ import annotations

import pickle
import time
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

from .blocks import BLOCKS, top_level
from .datasets import Example, training_examples
from .lexicon import LexiconFeatures
from .normalize import Normalizer, fold_lower, split_words

_FORMAT_VERSION = 1


@dataclass(frozen=True)
class ModelConfig:
    """Hyper-parameters; chosen by cross-validation on the training files only (never on the
    evaluation sets, docs/classifier.md)."""

    c: float = 20.0
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)
    char_weight: float = 1.0
    lexicon_weight: float = 0.15
    # Sample weight of an operator-confirmed comment relative to a shipped training comment
    # (1, 3 and 10 within noise on the training voices; see bench/classify_learning.py --tune).
    local_weight: float = 1.0


@dataclass(frozen=True)
class Prediction:
    """One suggested block with its probability and the runners-up for a reviewer to consider."""

    block: str
    confidence: float
    top3: list[tuple[str, float]] = field(default_factory=list)

    @property
    def top_level(self) -> str:
        return top_level(self.block)


def build_pipeline(normalizer: Normalizer, config: ModelConfig) -> Pipeline:
    """Assemble the unfitted feature union and classifier for one normaliser."""
    # scikit-learn is imported where it is used: it costs every process 1.2 s at start
    # (`akademia migrate`, each worker, each test process) that most never need.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    lemmas = TfidfVectorizer(
        preprocessor=normalizer.lemma_text,
        tokenizer=split_words,
        token_pattern=None,
        lowercase=False,
        ngram_range=config.word_ngrams,
        sublinear_tf=True,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb",
        preprocessor=fold_lower,
        ngram_range=config.char_ngrams,
        sublinear_tf=True,
        min_df=2,
    )
    transformers = [("lemmas", lemmas), ("chars", chars)]
    weights = {"lemmas": 1.0, "chars": config.char_weight}
    if config.lexicon_weight > 0:
        transformers.append(("lexicon", LexiconFeatures(normalizer)))
        weights["lexicon"] = config.lexicon_weight
    features = FeatureUnion(transformers, transformer_weights=weights)
    classifier = LogisticRegression(C=config.c, max_iter=3000)
    return Pipeline([("features", features), ("classifier", classifier)])


class Model:
    """A trained classifier; picklable as a whole so the web app can keep it in the database."""

    def __init__(self, pipeline: Pipeline, config: ModelConfig, training_size: int) -> None:
        self.pipeline = pipeline
        self.config = config
        self.training_size = training_size

    @property
    def classes(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Class probabilities, columns in the order of `classes`."""
        return self.pipeline.predict_proba(list(texts))

    def predict(self, texts: list[str]) -> list[Prediction]:
        """Most probable block per text, with its probability and the three best candidates."""
        texts = list(texts)
        if not texts:
            return []
        classes = self.classes
        probabilities = self.predict_proba(texts)
        ranked = np.argsort(-probabilities, axis=1)[:, :3]
        predictions = []
        for row, order in zip(probabilities, ranked, strict=True):
            top3 = [(classes[i], float(row[i])) for i in order]
            predictions.append(Prediction(top3[0][0], top3[0][1], top3))
        return predictions

    def to_bytes(self) -> bytes:
        """Serialise with the scikit-learn version, which pickles are only safe to reuse with."""
        import sklearn

        payload = {
            "format": _FORMAT_VERSION,
            "sklearn": sklearn.__version__,
            "model": self,
        }
        return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """Inverse of `to_bytes`.  Unpickling runs code: only pass bytes this app produced."""
        import sklearn

        payload = pickle.loads(data)  # noqa: S301 - trusted bytes written by to_bytes
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT_VERSION:
            raise ValueError("not a serialised consultation classifier")
        if payload["sklearn"] != sklearn.__version__:
            warnings.warn(
                f"model pickled with scikit-learn {payload['sklearn']}, "
                f"running {sklearn.__version__}; retrain if predictions look wrong",
                stacklevel=2,
            )
        model = payload["model"]
        if not isinstance(model, cls):
            raise ValueError("serialised object is not a Model")
        return model


def _validate(examples: list[Example]) -> None:
    """Fail early on data that would silently give a useless model."""
    unknown = sorted({block for _, block in examples} - set(BLOCKS))
    if unknown:
        raise ValueError(f"unknown block codes: {unknown}")
    if len({block for _, block in examples}) < 2:
        raise ValueError("training needs examples of at least two blocks")


def train(
    examples: list[Example],
    config: ModelConfig | None = None,
    local: list[Example] | None = None,
) -> Model:
    """Fit the normaliser's folded-form index and the classifier on (text, block) pairs.

    `local`: comments whose block an operator confirmed or corrected in this installation;
    each weighs `config.local_weight` shipped examples.
    """
    config = config or ModelConfig()
    weighted = [(text, block, 1.0) for text, block in examples if text.strip()]
    weighted += [(text, block, config.local_weight) for text, block in local or () if text.strip()]
    _validate([(text, block) for text, block, _ in weighted])
    texts = [text for text, _, _ in weighted]
    labels = [block for _, block, _ in weighted]
    sample_weight = np.array([weight for _, _, weight in weighted])
    from threadpoolctl import threadpool_limits

    pipeline = build_pipeline(Normalizer.from_texts(texts), config)
    # One BLAS thread: the problem is small and sparse, and on a shared machine extra threads
    # only contend (measured: 8 s with threads vs 0.7 s without on 2 busy cores).
    with threadpool_limits(limits=1):
        pipeline.fit(texts, labels, classifier__sample_weight=sample_weight)
    return Model(pipeline, config, len(weighted))


def retrain_with_confirmed(
    confirmed: list[Example],
    config: ModelConfig | None = None,
    shipped: list[Example] | None = None,
) -> Model:
    """The one recipe for learning from an installation's operators: the shipped training set
    plus the comments whose block an operator confirmed or corrected, each weighing
    `config.local_weight`. The retraining task (`consultations.classifier.retrain`) and the
    benchmark that measures its gain (`bench/classify_learning.py`) both call this."""
    return train(training_examples() if shipped is None else shipped, config, local=confirmed)


@cache
def default_model() -> Model:
    """The model trained on the shipped training set (`datasets.training_examples`), built once
    per process."""
    return train(training_examples())


def timed_train(
    examples: list[Example], config: ModelConfig | None = None, local: list[Example] | None = None
) -> tuple[Model, float]:
    """`train` plus its wall time in seconds, for the benchmark."""
    start = time.perf_counter()
    model = train(examples, config, local)
    return model, time.perf_counter() - start
