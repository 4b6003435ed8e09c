from akademia.core.csvfiles import BOM, cell, csv_text


def test_text_that_could_run_as_a_formula_is_neutralised():
    for dangerous in ("=HYPERLINK(1)", "+48 123", "-1+1", "@SUM(A1)", "\tx", "\rx"):
        assert cell(dangerous) == "'" + dangerous
    assert cell("Żółć") == "Żółć"
    assert cell(-5) == -5
    assert cell(None) == ""


def test_a_csv_starts_with_the_bom_and_keeps_polish_letters():
    text = csv_text([["Gmina", "osoby"], ["=Łódź", 3]], footer=["Licencja: CC BY 4.0"])
    assert text.startswith(BOM)
    assert text[1:].splitlines() == ["Gmina,osoby", "'=Łódź,3", "Licencja: CC BY 4.0"]
