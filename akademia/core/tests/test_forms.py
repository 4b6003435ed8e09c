"""QuickSelect and QuickTextarea write the same HTML as Django's own widgets (what a reader and a
form post see)."""

from django import forms

from akademia.core.forms import QuickSelect, QuickTextarea

CHOICES = [("", "wszystkie"), (1, "Ała & <b>"), (2, "Bę")]


class Both(forms.Form):
    django = forms.TypedChoiceField(coerce=int, required=False, choices=CHOICES)
    quick = forms.TypedChoiceField(coerce=int, required=False, choices=CHOICES, widget=QuickSelect)


def _options(html: str) -> str:
    return "".join(html.split("<select", 1)[1].split(">", 1)[1].split())


def test_quick_select_chooses_and_escapes_like_django_select():
    for data in (None, {"django": "2", "quick": "2"}, {"django": "", "quick": ""}):
        form = Both(data)
        assert _options(str(form["quick"])) == _options(str(form["django"]))
    html = str(Both({"quick": "2"})["quick"])
    assert 'name="quick"' in html and 'id="id_quick"' in html
    assert "Ała &amp; &lt;b&gt;" in html and '<option value="2" selected>Bę</option>' in html
    assert Both({"quick": "2"}).is_valid()


class Texts(forms.Form):
    django = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    quick = forms.CharField(required=False, widget=QuickTextarea(attrs={"rows": 2}))


def _attributes_and_text(html: str) -> tuple[list[str], str]:
    opening, text = html.split(">", 1)
    return sorted(opening.removeprefix("<textarea ").split()), text


def test_quick_textarea_fills_and_escapes_like_django_textarea():
    for data in (None, {}, {"django": 'Ała & <b>"\nnowa', "quick": 'Ała & <b>"\nnowa'}):
        form = Texts(data)
        quick, django = (_attributes_and_text(str(form[name])) for name in ("quick", "django"))
        assert quick[1] == django[1]
        assert [a.replace("quick", "django") for a in quick[0]] == django[0]
    assert "Ała &amp; &lt;b&gt;&quot;" in str(Texts({"quick": 'Ała & <b>"'})["quick"])
