from akademia.consultations.nlp.normalize import (
    NUMBER_TOKEN,
    TIME_TOKEN,
    Normalizer,
    fold,
    fold_lower,
    tokenize,
)


def test_fold_removes_polish_diacritics():
    assert fold("zażółć gęślą jaźń ŁÓDŹ") == "zazolc gesla jazn LODZ"


def test_fold_lower_collapses_case_and_whitespace():
    assert fold_lower("  Zjazdy   W  Piątki ") == "zjazdy w piatki"


def test_tokenize_keeps_times_whole():
    assert tokenize("Od 9:00 do 15.30, max 20 osób") == [
        "Od",
        "9:00",
        "do",
        "15.30",
        "max",
        "20",
        "osób",
    ]


def test_inflected_forms_share_a_lemma():
    normalizer = Normalizer()
    assert normalizer.lemmas("zjazdów zjazdy zjazd") == ["zjazd", "zjazd", "zjazd"]
    assert normalizer.lemmas("grupach grupy") == ["grupa", "grupa"]


def test_text_without_diacritics_maps_through_learnt_folded_forms():
    """simplemma alone does not know "zjazdow"; the index learnt from "zjazdów" does."""
    normalizer = Normalizer.from_texts(["Za dużo zjazdów i modułów w sobotę."])
    assert normalizer.lemmas("zjazdow zjazdów zjazdy") == ["zjazd"] * 3
    assert normalizer.lemma("modulow") == normalizer.lemma("modułów") == "modul"
    assert normalizer.lemma("sobote") == "sobota"


def test_default_model_normaliser_knows_common_forms_without_diacritics():
    from akademia.consultations.nlp import default_model

    features = default_model().pipeline.named_steps["features"]
    lemma_text = features.transformer_list[0][1].preprocessor
    assert lemma_text("szkoleń zjazdów") == lemma_text("szkolen zjazdow")


def test_numbers_become_shape_tokens_for_classification():
    assert Normalizer().lemmas("o 9:00, 20 osób") == ["o", TIME_TOKEN, NUMBER_TOKEN, "osoba"]


def test_content_text_drops_function_and_framing_words_keeps_numbers():
    normalizer = Normalizer()
    content = normalizer.content_text("Brakuje tematu zamówień publicznych, max 20 osób")
    expected = [normalizer.lemma("zamówień"), "publiczny", "max", "20", "osoba"]
    assert content.split() == expected
