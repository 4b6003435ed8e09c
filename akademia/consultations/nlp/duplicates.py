"""Grouping of comments that make the same point in other words.

Consultation minutes repeat themselves: several officials raise the same issue in different
words.  Similarity is the cosine over two TF-IDF views of the folded lemmas without function
words: whole lemmas (the same point usually reuses key words in some inflected form) and
character n-grams of those lemmas (derivations and compounds such as "zjazd" / "zjazdowy").
IDF is fitted on the starter set plus the texts themselves, so words every comment uses
("program", "szkolenie", "gmina") weigh little and the distinctive ones decide.
Average-linkage clustering, unlike connected components, does not chain A~B~C into one group
when A and C are about different things.
"""

from collections.abc import Sequence

import numpy as np

from .datasets import starter_examples
from .normalize import Normalizer

DEFAULT_THRESHOLD = 0.22
_CHAR_SHARE = 0.3  # weight of the character view in the combined cosine
# IDF raised to this power: consultation comments share a lot of domain vocabulary ("brakuje
# tematu ...", "program powinien ..."), and plain IDF still let that outweigh the one or two
# words that carry the point.  Chosen with the threshold on the hand-made pairs in the tests.
_IDF_POWER = 1.5


_STEM_LENGTH = 6


def stems(content: str) -> list[str]:
    """Cut lemmas to a 6-letter prefix, a crude but robust stemmer for Polish derivation.

    simplemma keeps "oświatowy" and "oświata" apart; as "oswiat" both match.  Numbers stay whole.
    """
    return [word if word[0].isdigit() else word[:_STEM_LENGTH] for word in content.split()]


def _background_texts() -> list[str]:
    return [text for text, _ in starter_examples()]


def _vectors(contents: list[str], background: list[str]):
    """L2-normalised feature rows for `contents`, IDF fitted on background plus contents."""
    # Imported here, not at the top: scikit-learn and SciPy cost every process 1.2 s at start.
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    views = []
    for vectorizer, weight in (
        (TfidfVectorizer(tokenizer=stems, token_pattern=None, lowercase=False), 1 - _CHAR_SHARE),
        (TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False), _CHAR_SHARE),
    ):
        vectorizer.fit(background + contents)
        vectorizer.idf_ = vectorizer.idf_**_IDF_POWER
        views.append(normalize(vectorizer.transform(contents)) * np.sqrt(weight))
    return hstack(views).tocsr()


def similarity_matrix(texts: Sequence[str], background: Sequence[str] | None = None) -> np.ndarray:
    """Pairwise cosine similarity (dense, n x n) in the space described in the module docstring."""
    texts = list(texts)
    background = _background_texts() if background is None else list(background)
    normalizer = Normalizer.from_texts(background + texts)
    contents = [normalizer.content_text(text) for text in texts]
    background_contents = [normalizer.content_text(text) for text in background]
    vectors = _vectors(contents, background_contents)
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 1.0)
    return np.clip(similarity, 0.0, 1.0)


def group_near_duplicates(
    texts: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    background: Sequence[str] | None = None,
) -> list[list[int]]:
    """Partition text indices into groups whose average pairwise similarity is >= threshold.

    Every index appears in exactly one group; singletons are comments with no near-duplicate.
    Groups are ordered by their first index.  Memory is O(n^2), fine for the hundreds of
    comments a consultation produces.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    n = len(texts)
    if n < 2:
        return [[i] for i in range(n)]
    from scipy.cluster.hierarchy import fcluster, linkage

    distance = 1.0 - similarity_matrix(texts, background)
    condensed = distance[np.triu_indices(n, k=1)]
    tree = linkage(condensed, method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return sorted(groups.values(), key=lambda group: group[0])
