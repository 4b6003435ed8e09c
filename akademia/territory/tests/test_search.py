"""The JST picker: diacritics, prefixes, codes, and telling the two Kutno apart."""

from django.urls import reverse

from akademia.territory.folding import fold
from akademia.territory.selectors import jst_search


def test_fold_removes_polish_letters():
    assert fold("Koziegłowy") == "kozieglowy"
    assert fold("Łódź-Śródmieście") == "lodz srodmiescie"


def test_name_without_diacritics_finds_the_unit(db):
    assert jst_search("Kozieglowy")[0].code == "2409023"
    assert jst_search("koziegłowy")[0].code == "2409023"


def test_prefix_finds_the_unit(db):
    assert "2409023" in [j.code for j in jst_search("kozieg")]


def test_teryt_code_finds_the_unit(db):
    assert [j.code for j in jst_search("2409023")] == ["2409023"]
    assert all(j.code.startswith("2409") for j in jst_search("2409"))


def test_two_gminy_called_kutno_come_first_and_differ_by_kind(db):
    first_two = jst_search("Kutno")[:2]
    assert {j.code for j in first_two} == {"1002011", "1002062"}
    assert {j.get_kind_display() for j in first_two} == {
        "gmina miejska",
        "gmina wiejska",
    }


def test_county_name_narrows_the_search(db):
    results = jst_search("Kutno kutnowski")
    assert results and all(j.county and j.county.name == "kutnowski" for j in results)


def test_picker_endpoint_shows_kind_county_and_voivodeship(client, db):
    response = client.get(reverse("territory:jst-search"), {"q": "Kozieglowy"})
    html = response.content.decode()
    assert "Koziegłowy" in html
    assert "gmina miejsko-wiejska" in html
    assert "powiat myszkowski" in html
    assert "śląskie" in html


def test_picker_endpoint_needs_two_characters(client, db):
    response = client.get(reverse("territory:jst-search"), {"q": "k"})
    assert 'role="option"' not in response.content.decode()


def test_the_registry_page_has_a_search_box_that_links_the_units(client, db):
    """Issue #11: the registry had no search box; anyone (no login) finds a JST by its name."""
    client.cookies["django_language"] = "pl"
    page = client.get(reverse("territory:poland"), {"q": "kozieglowy"}).content.decode()
    assert 'type="search"' in page and 'value="kozieglowy"' in page
    assert "Wyniki dla „kozieglowy”" in page
    assert f'href="{reverse("territory:jst-detail", args=["2409023"])}"' in page
    nothing = client.get(reverse("territory:poland"), {"q": "xyzxyz"}).content.decode()
    assert "Żadna jednostka nie pasuje" in nothing
    short = client.get(reverse("territory:poland"), {"q": "k"}).content.decode()
    assert "Wpisz co najmniej dwie litery lub cyfry." in short
