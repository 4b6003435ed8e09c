import pickle

from akademia.consultations.nlp.blocks import BLOCKS
from akademia.consultations.nlp.lexicon import LEXICON, LexiconFeatures
from akademia.consultations.nlp.normalize import Normalizer


def _hits(features, text):
    row = features.transform([text]).toarray()[0]
    return {block: value for block, value in zip(BLOCKS, row, strict=True) if value}


def test_every_block_has_a_lexicon():
    assert set(LEXICON) == set(BLOCKS)
    assert all(len(LEXICON[block].split()) >= 20 for block in BLOCKS)


def test_inflected_and_folded_forms_hit_their_block():
    features = LexiconFeatures(Normalizer()).fit([])
    assert set(_hits(features, "W zespole sekretarz i skarbnik")) == {"organisation.teams"}
    assert "organisation.schedule" in _hits(features, "zjazdy we wtorki od 10:00")
    assert "intersession" in _hits(features, "zadania pomiedzy zjazdami, wsparcie doradcy")
    # a derivation no entry spells out, through the `*` stem
    assert "organisation.modules" in _hits(features, "czterodniowe albo pięciodniowe")


def test_two_word_entries_match_consecutive_lemmas_only():
    features = LexiconFeatures(Normalizer()).fit([])
    both = _hits(features, "prawo zamówień publicznych")["scope"]
    assert both > _hits(features, "prawo publiczne")["scope"]


def test_features_are_nonnegative_and_pickle():
    features = LexiconFeatures(Normalizer()).fit([])
    matrix = features.transform(["", "grupa 15 osób", "nic tu nie ma"])
    assert matrix.shape == (3, len(BLOCKS))
    assert matrix.min() >= 0 and matrix[0].nnz == 0
    restored = pickle.loads(pickle.dumps(features))
    assert (restored.transform(["grupa 15 osób"]) != matrix[1]).nnz == 0
