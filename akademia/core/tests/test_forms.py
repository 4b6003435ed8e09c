"""QuickSelect writes the same select as Django's own (what a reader and a form post see)."""

from django import forms

from akademia.core.forms import QuickSelect

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
