"""Polish text normalisation shared by the classifier and the near-duplicate grouping.

Officials type comments with and without Polish letters and in every inflected form, so all
features are built from lower-cased, diacritic-folded lemmas: "zjazdów", "zjazdy" and "zjazdow"
must all become "zjazd". simplemma only knows correctly spelled words, so a token typed without
Polish letters is first looked up in a folded-form index learnt from the training texts
("zjazdow" -> "zjazd" because "zjazdów" was seen), and only then lemmatised as is.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy

# simplemma's memory-frugal dictionary: it indexes the compressed Polish dictionary instead of
# decoding all 3.7 million forms into a dict, which took 5.6 s of CPU and hundreds of MB in every
# process (web server, worker, each test worker); lookups stay in microseconds, lemmas the same.
_LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(low_memory=True))

POLISH_LETTERS = "ąćęłńóśźż"
_FOLD_TABLE = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_TOKEN_RE = re.compile(r"\d+(?:[:.]\d{2})?|[^\W\d_]+")
_TIME_RE = re.compile(r"\d{1,2}[:.]\d{2}")
TIME_TOKEN = "_time_"
NUMBER_TOKEN = "_number_"

# Folded lemmas of function words.  They carry no topic, and for near-duplicate grouping they
# would make any two comments look alike.
_STOP_LEMMA_LIST = """
    a aby albo ale bo byc by czy co do dla gdy gdyz i ich im ja jak jaki jeden jego jej jesli
    jezeli juz ktory ktos lub mi mie moj my na nad nam nas nasz nawet nie niz no o od on ona oni
    po pod przez przy sie sobie tak takze tam ten to tu tylko u w wiec wszystko z za ze zeby
    tez bardzo moze moc chyba raz jakis caly swoj wy wasz czyli oraz
"""
STOP_LEMMAS: frozenset[str] = frozenset(_STOP_LEMMA_LIST.split())

# Folded lemmas that frame an opinion rather than state it ("brakuje tematu ... w programie",
# "proponuję, żeby ...").  Two comments sharing only the frame are not making the same point.
_FRAME_LEMMA_LIST = """
    brakowac brak temat tematyka program powinien chciec proponowac uwazac myslec warto trzeba
    nalezec dobrze potrzebny potrzeba prosic zdanie mozna nic miec
"""
FRAME_LEMMAS: frozenset[str] = frozenset(_FRAME_LEMMA_LIST.split())


def fold(text: str) -> str:
    """Strip diacritics so that text typed without Polish letters matches correctly typed text."""
    text = text.translate(_FOLD_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_lower(text: str) -> str:
    """Lower-case, fold and collapse whitespace: the input of the character n-gram features."""
    return " ".join(fold(text.lower()).split())


def tokenize(text: str) -> list[str]:
    """Split into word and number tokens; times such as 9:00 or 15.30 stay one token."""
    return _TOKEN_RE.findall(text)


def split_words(text: str) -> list[str]:
    """Tokeniser for already-normalised text; a named function so fitted vectorizers pickle."""
    return text.split()


def has_polish_letters(token: str) -> bool:
    """True when the token was evidently typed with Polish diacritics."""
    return any(ch in POLISH_LETTERS for ch in token.lower())


@lru_cache(maxsize=200_000)
def folded_lemma(token: str) -> str:
    """simplemma lemma of a lower-cased token, folded; cached because lemmatising dominates cost."""
    return fold(_LEMMATIZER.lemmatize(token, lang="pl").lower())


def warm_up() -> None:
    """Index simplemma's Polish dictionary now: it takes about 2 s, which would otherwise
    fall on the first suggestion a process makes."""
    _LEMMATIZER.lemmatize("zjazdów", lang="pl")


def _number_shape(token: str) -> str | None:
    """Replace numbers by a shape token: times point to schedules, counts to groups or modules."""
    if not token[0].isdigit():
        return None
    return TIME_TOKEN if _TIME_RE.fullmatch(token) else NUMBER_TOKEN


class Normalizer:
    """Maps text to folded lemmas, with a folded-form index learnt from training texts.

    The index is the only learnt state, so a Normalizer is cheap to pickle inside a model.
    """

    def __init__(self, folded_forms: dict[str, str] | None = None) -> None:
        self.folded_forms: dict[str, str] = dict(folded_forms or {})

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Normalizer":
        """Learn "form without diacritics -> lemma" from every diacritic-bearing token seen.

        When one folded form comes from several lemmas (rare), the most frequent lemma wins.
        """
        votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for token in tokenize(text.lower()):
                if has_polish_letters(token):
                    votes[fold(token)][folded_lemma(token)] += 1
        return cls({form: counter.most_common(1)[0][0] for form, counter in votes.items()})

    def lemma(self, token: str) -> str:
        """Folded lemma of one lower-cased token."""
        shape = _number_shape(token)
        if shape is not None:
            return shape
        if not has_polish_letters(token):
            known = self.folded_forms.get(token)
            if known is not None:
                return known
        return folded_lemma(token)

    def lemmas(self, text: str) -> list[str]:
        """Folded lemmas of all tokens, in order."""
        return [self.lemma(token) for token in tokenize(text.lower())]

    def lemma_text(self, text: str) -> str:
        """Lemmas joined by spaces: the input of the word-level TF-IDF features."""
        return " ".join(self.lemmas(text))

    def content_text(self, text: str) -> str:
        """Lemmas without function and framing words, numbers verbatim, for near-duplicates.

        Those words are noise there, and "20 osób" vs "12 osób" are different points.
        """
        words = []
        for token in tokenize(text.lower()):
            word = token if token[0].isdigit() else self.lemma(token)
            if word not in STOP_LEMMAS and word not in FRAME_LEMMAS:
                words.append(word)
        return " ".join(words)
