import pickle

import pytest

from akademia.consultations.nlp import BLOCKS, Model, ModelConfig, default_model, top_level, train
from akademia.consultations.nlp.datasets import (
    EVAL_SETS,
    STREAMS,
    eval_examples,
    heldout_examples,
    starter_examples,
    stream_examples,
    training_examples,
    voice_files,
)
from akademia.consultations.nlp.model import retrain_with_confirmed

# The targets of the brief; a regression below them means the model or the data broke.
TOP_LEVEL_TARGET = 0.85
CODE_TARGET = 0.75


@pytest.fixture(scope="module")
def heldout_predictions():
    examples = heldout_examples()
    predictions = default_model().predict([text for text, _ in examples])
    return examples, predictions


def test_data_sets_are_large_enough_and_disjoint():
    starter, heldout = starter_examples(), heldout_examples()
    for block in BLOCKS:
        assert sum(b == block for _, b in starter) >= 60
        assert sum(b == block for _, b in heldout) >= 25
    assert not {t for t, _ in starter} & {t for t, _ in heldout}


def test_training_voices_and_evaluation_sets_are_disjoint():
    training = {text for text, _ in training_examples()}
    assert len(voice_files()) >= 6 and len(training) >= 1200
    for block in BLOCKS:
        assert sum(b == block for _, b in training_examples()) >= 120
    for name in EVAL_SETS:
        examples = eval_examples(name)
        assert len(examples) >= 100
        assert all(10 <= sum(b == block for _, b in examples) <= 20 for block in BLOCKS)
        assert not training & {text for text, _ in examples}
        assert not {t for t, _ in heldout_examples()} & {text for text, _ in examples}


@pytest.mark.parametrize("name", STREAMS)
def test_consultation_streams_are_kept_apart(name):
    """The streams of unseen programmes stand for comments nobody trained on: none of their texts
    may reach the shipped training set or the other evaluation sets, and each is long enough for
    the learning benchmark to learn from 200 and score the rest."""
    examples = stream_examples(name)
    texts = {text for text, _ in examples}
    assert len(examples) >= 240
    assert all(sum(b == block for _, b in examples) >= 10 for block in BLOCKS)
    assert not texts & {text for text, _ in training_examples()}
    others = heldout_examples() + [e for s in EVAL_SETS for e in eval_examples(s)]
    others += [e for other in STREAMS if other != name for e in stream_examples(other)]
    assert not texts & {text for text, _ in others}


def test_retraining_learns_a_consultations_own_vocabulary():
    """The retraining recipe takes an operator's labels of words the shipped set never used."""
    shipped = [(text, block) for text, block in starter_examples() if block in BLOCKS[:3]]
    confirmed = [
        ("kopie zapasowe offline i test odtwarzania po ataku ransomware", BLOCKS[2]),
        ("ransomware w urzędzie: kopie zapasowe trzymać offline", BLOCKS[2]),
        ("odtwarzanie kopii zapasowych po ransomware co kwartał", BLOCKS[2]),
    ]
    query = ["ransomware i kopie zapasowe offline"]
    before = retrain_with_confirmed([], shipped=shipped)
    after = retrain_with_confirmed(confirmed, shipped=shipped)
    column = after.classes.index(BLOCKS[2])
    assert after.training_size == len(shipped) + len(confirmed)
    assert after.predict_proba(query)[0][column] > before.predict_proba(query)[0][column]
    assert after.predict(query)[0].block == BLOCKS[2]


@pytest.mark.parametrize("name", EVAL_SETS)
def test_new_evaluation_sets_meet_the_targets(name):
    """Regression test only: these sets were never used to fit or tune the model."""
    examples = eval_examples(name)
    predictions = default_model().predict([text for text, _ in examples])
    pairs = list(zip(predictions, examples, strict=True))
    assert sum(p.top_level == top_level(b) for p, (_, b) in pairs) / len(pairs) >= TOP_LEVEL_TARGET
    assert sum(p.block == b for p, (_, b) in pairs) / len(pairs) >= CODE_TARGET


def test_confirmed_comments_outweigh_shipped_ones():
    """A comment an operator labelled moves the model more than a shipped one does."""
    shipped = [(text, block) for text, block in starter_examples() if block in BLOCKS[:2]]
    text = "zielony parasol nad ratuszem"
    local = [(text, BLOCKS[1])] * 2
    plain = train(shipped + local, ModelConfig(local_weight=1.0))
    weighted = train(shipped, ModelConfig(local_weight=5.0), local=local)
    assert weighted.training_size == len(shipped) + 2
    [before], [after] = plain.predict_proba([text]), weighted.predict_proba([text])
    column = plain.classes.index(BLOCKS[1])
    assert after[column] > before[column]


def test_heldout_top_level_accuracy(heldout_predictions):
    examples, predictions = heldout_predictions
    hits = sum(p.top_level == top_level(b) for p, (_, b) in zip(predictions, examples, strict=True))
    assert hits / len(examples) >= TOP_LEVEL_TARGET


def test_heldout_code_accuracy(heldout_predictions):
    examples, predictions = heldout_predictions
    hits = sum(p.block == b for p, (_, b) in zip(predictions, examples, strict=True))
    assert hits / len(examples) >= CODE_TARGET


def test_predictions_are_known_codes_with_probabilities(heldout_predictions):
    _, predictions = heldout_predictions
    for prediction in predictions:
        assert prediction.block in BLOCKS
        assert 0.0 < prediction.confidence <= 1.0
        assert len(prediction.top3) == 3
        assert prediction.top3[0] == (prediction.block, prediction.confidence)
        scores = [score for _, score in prediction.top3]
        assert scores == sorted(scores, reverse=True)


def test_typical_comments_typed_without_diacritics():
    predictions = default_model().predict(
        [
            "zjazdy tylko od wtorku do czwartku, zaczynajac o 10",
            "grupa szkoleniowa max 15 osob",
            "brakuje tematu zamowien publicznych",
        ]
    )
    assert [p.block for p in predictions] == [
        "organisation.schedule",
        "organisation.groups",
        "scope",
    ]


def test_empty_input_gives_no_predictions():
    assert default_model().predict([]) == []


def test_serialisation_round_trip():
    model = default_model()
    restored = Model.from_bytes(model.to_bytes())
    texts = ["Za dużo modułów, co dwa tygodnie to za często.", "wiecej warsztatow"]
    assert restored.predict(texts) == model.predict(texts)


def test_from_bytes_rejects_foreign_pickles():
    with pytest.raises(ValueError):
        Model.from_bytes(pickle.dumps({"something": "else"}))


def test_train_on_small_custom_set():
    examples = [(text, block) for text, block in starter_examples() if block in BLOCKS[:2]]
    model = train(examples)
    assert set(model.classes) == set(BLOCKS[:2])
    assert model.training_size == len(examples)


def test_train_rejects_unknown_codes_and_single_class():
    with pytest.raises(ValueError, match="unknown"):
        train([("a", "concept"), ("b", "catering")])
    with pytest.raises(ValueError, match="two blocks"):
        train([("a", "concept"), ("b", "concept")])
