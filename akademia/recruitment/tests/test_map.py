"""The applications map follows the htmx filter: its markers travel in the swapped partial
(`data-map-points` of #applications), computed from the same scoped query as the table."""

import html
import json
import re

from django.urls import reverse

from akademia.recruitment.tests.factories import complete

RURAL, URBAN, COUNTY = "2402022", "2414011", "2402000"  # Śląskie


def _points(page: str) -> list[dict]:
    found = re.search(r'id="applications"[^>]*data-map-points="([^"]*)"', page)
    assert found, "the list carries no map points"
    return json.loads(html.unescape(found.group(1)))


def _names(page: str) -> set[str]:
    return {point["name"] for point in _points(page)}


def test_the_markers_are_those_of_the_filtered_applications(client, national, call):
    applications = {code: complete(national, call, code) for code in (RURAL, URBAN, COUNTY)}
    client.force_login(national)
    url = reverse("recruitment:call-detail", args=[call.pk])
    page = client.get(url).content.decode()
    names = {a.jst.name for a in applications.values()}
    assert _names(page) == names
    assert 'data-points-from="applications"' in page  # the map reads the list's points
    partial = client.get(url, {"kind": "urban"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    points = _points(partial)
    assert [p["name"] for p in points] == [applications[URBAN].jst.name]
    detail = reverse("recruitment:application-detail", args=[applications[URBAN].pk])
    assert points[0]["url"] == detail and points[0]["lat"] and points[0]["lon"]
    county = applications[RURAL].jst.county.code
    partial = client.get(url, {"county": county}, HTTP_HX_REQUEST="true").content.decode()
    in_county = {a.jst.name for a in applications.values() if a.jst.county.code == county}
    assert _names(partial) == in_county and len(in_county) < 3
    partial = client.get(url, {"status": "withdrawn"}, HTTP_HX_REQUEST="true").content.decode()
    assert _points(partial) == []


def test_the_map_is_scoped_to_the_operators_voivodeship(
    client, national, regional, regional_other, call, slaskie_call
):
    complete(national, call, "1002011")  # Kutno (Łódzkie) applies to the national pilot
    complete(national, call, RURAL)
    own = complete(regional, slaskie_call, URBAN)
    client.force_login(regional)
    url = reverse("recruitment:call-detail", args=[slaskie_call.pk])
    for page in (
        client.get(url).content.decode(),
        client.get(url, HTTP_HX_REQUEST="true").content.decode(),
    ):
        assert _names(page) == {own.jst.name}
    # The pilot (and its Łódzkie applicant) is not the Śląskie operator's, map data included.
    pilot_url = reverse("recruitment:call-detail", args=[call.pk])
    assert client.get(pilot_url, HTTP_HX_REQUEST="true").status_code == 404
    client.force_login(regional_other)
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404
    client.force_login(national)
    assert "Kutno" in _names(client.get(pilot_url).content.decode())


def test_a_history_restore_gets_the_whole_page(client, national, call):
    """htmx asks for the whole page when its history cache misses; a partial would break it."""
    complete(national, call, RURAL)
    client.force_login(national)
    url = reverse("recruitment:call-detail", args=[call.pk])
    page = client.get(
        url, {"kind": "rural"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert "<html" in page and "recruitment-map" in page
