"""The quota editor a civil servant can use: groups and units chosen from lists, rows added and
removed with buttons (without JavaScript), the service's rules said at the row in Polish,
and no internal code anywhere on the pages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from akademia.core.errors import DomainError
from akademia.recruitment import services
from akademia.recruitment.models import CallQuota
from akademia.recruitment.tests.factories import complete

CODE = re.compile(r"\b(kind|total|county|voivodeship):[a-z0-9]+")


@pytest.fixture
def polish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    with translation.override("pl"):
        yield


def visible_text(html: str) -> str:
    """The page as read: without tags and attribute values (where the form's values live)."""
    return re.sub(r"<[^>]*>", " ", html)


def management(total: int, initial: int = 0) -> dict:
    return {
        "quota-TOTAL_FORMS": str(total),
        "quota-INITIAL_FORMS": str(initial),
        "quota-MIN_NUM_FORMS": "0",
        "quota-MAX_NUM_FORMS": "100",
    }


def row(i: int, target="", unit="jst", min="", max="", label="") -> dict:
    values = {"target": target, "unit": unit, "min": min, "max": max, "label": label}
    return {f"quota-{i}-{name}": value for name, value in values.items()}


# The rules, in the service ------------------------------------------------------------------


def test_a_quota_gets_its_code_and_name_from_its_group(call, national):
    services.quotas_set(
        actor=national,
        call=call,
        rows=[
            {"field": "", "unit": "people", "min": 90, "max": 90},
            {"field": "kind", "values": ["county"], "unit": "jst", "min": 8},
            {"field": "voivodeship", "values": ["24"], "unit": "jst", "max": 4, "label": "Śląsk"},
        ],
    )
    quotas = list(call.quotas.order_by("pk").values_list("code", "label"))
    assert quotas == [
        ("total:people", "All applications – people"),
        ("kind:county", "County and voivodeship JST"),
        ("voivodeship:24", "Śląsk"),
    ]


def test_the_rules_of_a_quota_are_said_in_polish_with_polish_numbers(call, national, polish):
    rows = [{"field": "kind", "values": ["rural"], "unit": "people", "min": 1500, "max": 1200}]
    with pytest.raises(DomainError) as refused:
        services.quotas_set(actor=national, call=call, rows=rows)
    assert refused.value.message == (
        "Limit „JST wiejskie – osoby”: minimum 1500 jest większe od maksimum 1200."
    )
    assert refused.value.field == "max"
    with pytest.raises(DomainError, match="wymaga minimum, maksimum albo obu"):
        services.quotas_set(actor=national, call=call, rows=[{"field": "", "unit": "jst"}])
    with pytest.raises(DomainError, match="wybierz, które zgłoszenia liczy"):
        services.quotas_set(
            actor=national, call=call, rows=[{"field": "voivodeship", "values": ["99"], "min": 1}]
        )
    assert not call.quotas.exists()


def test_one_group_limited_twice_in_one_unit_is_refused(call, national, polish):
    rows = [
        {"field": "kind", "values": ["rural"], "unit": "jst", "min": 8},
        {"field": "kind", "values": ["rural"], "unit": "jst", "max": 12, "label": "Wiejskie"},
    ]
    with pytest.raises(DomainError, match="wpisz minimum i maksimum w jednym wierszu"):
        services.quotas_set(actor=national, call=call, rows=rows)


# The editor -----------------------------------------------------------------------------------


def test_the_editor_offers_groups_from_lists_in_polish_order(client, call, national, polish):
    client.force_login(national)
    html = client.get(reverse("recruitment:call-quotas", args=[call.pk])).content.decode()
    assert '<optgroup label="Rodzaj JST">' in html
    assert '<option value="kind:rural">JST wiejskie</option>' in html
    voivodeships = re.findall(r'<option value="voivodeship:\d+">([^<]+)</option>', html)
    assert voivodeships.index("lubuskie") + 1 == voivodeships.index("łódzkie")
    assert voivodeships[-5:-3] == ["śląskie", "świętokrzyskie"]
    assert "powiat myszkowski (śląskie)" in html
    assert not CODE.search(visible_text(html))
    assert "Usuń limit 1" in html and "Dodaj limit" in html


def test_adding_and_removing_rows_keeps_what_was_typed_and_saves_nothing(
    client, call, national, polish
):
    client.force_login(national)
    url = reverse("recruitment:call-quotas", args=[call.pk])
    typed = management(2, 1) | row(0, "kind:rural", min="8") | row(1, "", "people", max="90")
    html = client.post(url, typed | {"action": "add"}).content.decode()
    assert html.count('class="quota-row"') == 3
    assert re.search(r'name="quota-2-target"[^>]*autofocus', html)
    html = client.post(url, typed | {"action": "remove-0"}).content.decode()
    assert html.count('class="quota-row"') == 1
    assert 'name="quota-0-max" value="90"' in html
    assert '<option value="people" selected>' in html
    assert not call.quotas.exists()


def test_saving_the_rows_sets_the_quotas(client, call, national, polish):
    client.force_login(national)
    url = reverse("recruitment:call-quotas", args=[call.pk])
    data = management(3, 1) | row(0, "", "jst", "30", "30") | row(1, "voivodeship:24", max="4")
    data |= row(2)  # an empty row is left out
    response = client.post(url, data | {"action": "save"})
    assert response.status_code == 302
    assert list(call.quotas.order_by("pk").values_list("label", "min", "max")) == [
        ("Wszystkie zgłoszenia", 30, 30),
        ("Województwo śląskie", None, 4),
    ]
    detail = client.get(reverse("recruitment:call-detail", args=[call.pk])).content.decode()
    assert "województwo śląskie" in detail
    assert not CODE.search(visible_text(detail))


def test_a_refused_row_is_marked_at_its_field_in_polish(client, call, national, polish):
    client.force_login(national)
    url = reverse("recruitment:call-quotas", args=[call.pk])
    data = management(1, 1) | row(0, "kind:urban", min="9", max="3") | {"action": "save"}
    html = client.post(url, data).content.decode()
    assert "Limit „JST miejskie”: minimum 9 jest większe od maksimum 3." in html
    assert 'href="#id_quota-0-max"' in html  # the summary links to the field
    assert not CallQuota.objects.filter(call=call).exists()


def test_status_counts_read_as_a_sentence(client, call, national, polish):
    complete(national, call, "2409023")
    complete(national, call, "2402022")
    client.force_login(national)
    html = client.get(reverse("recruitment:call-detail", args=[call.pk])).content.decode()
    assert re.search(r'id="status-counts">Kompletne: 2\.</p>', html)
