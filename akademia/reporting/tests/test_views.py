"""The dashboard, its lists and exports, seen by operators of their scope."""

import csv
import io
import json

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from akademia.recruitment import services as recruitment
from akademia.territory.models import County, Voivodeship


def _get(client, user, name, query="", **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs) + (f"?{query}" if query else ""))


def test_the_dashboard_counts_the_people_of_the_scope(client, regional, trained):
    response = _get(client, regional, "reporting:dashboard")
    assert response.status_code == 200
    board = response.context["board"]
    people = trained.participants.count()
    assert board.totals.counts["recruited"] == people
    assert board.totals.counts["started"] == people - 1  # one was absent every day
    assert board.totals.counts["completed"] == people
    assert board.totals.counts["certified"] == 1
    assert [s.key for s in board.funnel][-1] == "certified"
    assert board.quality.attendance_rate is not None


def test_every_people_figure_links_to_its_list(client, regional, trained):
    content = _get(client, regional, "reporting:dashboard").content.decode()
    for stage in ("recruited", "started", "attending", "completed", "certified"):
        assert f"{reverse('reporting:people')}?etap={stage}" in content
    listed = _get(client, regional, "reporting:people", "etap=certified")
    first = trained.participants.order_by("pk").first()
    assert first.full_name in listed.content.decode()
    assert listed.context["page"].paginator.count == 1


def test_a_filtered_view_is_a_url(client, regional, trained):
    project = trained.project_id
    response = _get(client, regional, "reporting:dashboard", f"projekt={project}&profil=management")
    board = response.context["board"]
    assert board.filters.project == project and board.filters.profile == "management"
    managers = trained.participants.filter(enrolment__profile="management").count()
    assert board.totals.counts["recruited"] == managers
    assert f"projekt={project}" in response.content.decode()
    groups = board.tables["groups"].rows
    assert [(r.label, r.counts["attending"]) for r in groups] == [(trained.code, managers)]
    listed = _get(client, regional, "reporting:people", f"etap=attending&grupa={trained.pk}")
    assert listed.context["page"].paginator.count == trained.participants.count()


def test_another_voivodeship_cannot_be_reached_through_a_filter(client, regional_other, trained):
    project = trained.project_id
    assert (
        _get(client, regional_other, "reporting:dashboard", f"projekt={project}").status_code == 404
    )
    export = _get(
        client,
        regional_other,
        "reporting:table-export",
        f"projekt={project}",
        slug="projects",
        extension="csv",
    )
    assert export.status_code == 404
    # Unfiltered, their dashboard simply does not count the Śląskie people.
    board = _get(client, regional_other, "reporting:dashboard").context["board"]
    assert board.totals.counts.get("recruited", 0) == 0


def test_a_name_beginning_with_equals_is_text_in_the_csv_and_the_xlsx(client, national, trained):
    recruitment.project_create(
        actor=national,
        name='=HYPERLINK("http://example.org")',
        voivodeship=Voivodeship.objects.get(code="12"),
        target_jst=5,
        target_people=15,
    )
    response = _get(client, national, "reporting:table-export", slug="projects", extension="csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ['\'=HYPERLINK("http://example.org")']
    xlsx = _get(client, national, "reporting:table-export", slug="wszystko", extension="xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_targets_are_set_by_the_operator_of_the_project(client, regional, trained):
    from akademia.core.models import AuditEntry
    from akademia.reporting.models import Target

    client.force_login(regional)
    data = {
        "owner": trained.project_id,
        "indicator": "trained",
        "category": "",
        "value": 12,
        "curve": "2026-01 4\n2026-02 12",
    }
    response = client.post(reverse("reporting:targets"), data)
    assert response.status_code == 302
    target = Target.objects.get(project_id=trained.project_id, indicator="trained")
    assert target.curve == [["2026-01", 4], ["2026-02", 12]]
    assert AuditEntry.objects.filter(action="reporting.target.set").exists()
    # The programme's national target is not offered to a regional operator.
    refused = client.post(reverse("reporting:targets"), data | {"owner": "national"})
    assert refused.status_code == 200 and not Target.objects.filter(project=None).exists()
    above = client.post(reverse("reporting:targets"), data | {"value": 5})
    assert "The curve ends above the target value." in above.content.decode()


def test_the_national_target_replaces_the_sum_of_the_projects(client, national, trained):
    from akademia.reporting import services

    services.target_set(
        actor=national, project=None, indicator="trained", category="", value=3300, curve=[]
    )
    board = _get(client, national, "reporting:dashboard").context["board"]
    assert board.totals.targets["target_people"] == 3300


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_the_monthly_report(client, regional, trained, extension):
    response = _get(
        client, regional, "reporting:monthly-report", pk=trained.project_id, extension=extension
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{extension}"')


def test_the_county_map_of_the_country_is_drawn_from_the_outlines(client, national):
    """The whole country's 380 counties in well under 200 KB (the full boundaries are 590 KB);
    a voivodeship's map keeps the full detail (`test_the_maps_data_is_geojson_of_the_scope`)."""
    response = _get(client, national, "reporting:map-areas", level="powiaty")
    assert len(response.json()["features"]) == 380
    assert len(response.content) < 170 * 1024


def test_the_maps_data_is_geojson_of_the_scope(client, regional, trained):
    areas = _get(client, regional, "reporting:map-areas", level="powiaty").json()
    assert areas["type"] == "FeatureCollection"
    assert {f["properties"]["code"][:2] for f in areas["features"]} == {"24"}
    assert any(f["properties"]["reached"] for f in areas["features"])
    first = areas["features"][0]  # a voivodeship is drawn in full detail
    county = County.objects.get(code=first["properties"]["code"])
    assert first["geometry"] == json.loads(county.boundary)
    points = _get(client, regional, "reporting:map-points").json()
    statuses = {f["properties"]["status"] for f in points["features"]}
    assert "certified" in statuses and statuses <= {"training", "certified"}


def _test_answers(test, percent: int) -> dict:
    """Answers worth 0%, 60% or 100% of evaluation's test of 5 points (2 + 1 + 2)."""
    q = list(test.questions.order_by("order"))
    first = "1" if percent == 100 else "2"
    rest = ("4", ["1", "3"]) if percent else ("5", ["2"])
    return {str(q[0].pk): first, str(q[1].pk): rest[0], str(q[2].pk): rest[1]}


def test_the_knowledge_gain_is_paired_per_person(client, national, regional, trained):
    from akademia.delivery import selectors as delivery_selectors
    from akademia.evaluation.models import Kind
    from akademia.evaluation.tests.factories import answer, given_survey, knowledge_test

    version = delivery_selectors.group_version(trained)
    people = [p.user for p in trained.participants.order_by("pk")]
    pre = knowledge_test(version, national, Kind.TEST_PRE)
    post = knowledge_test(version, national, Kind.TEST_POST, title="Test po")
    # Closing today: the monthly report counts the surveys closed by the end of its month.
    before = given_survey(trained, pre, people, days_open=0)
    after = given_survey(trained, post, people, module=2, days_open=0)
    # Four people of five who took both tests go from 60% to 100%; who took only one test
    # (0% each) moves nothing: unpaired means would show 15.7 points.
    percents = [60, 60, 60, 60, 60, 0]
    answer(before, people[:6], lambda i, u: _test_answers(pre, percents[i]))
    percents = [100, 100, 100, 100, 60, 0, 0]
    answer(after, [*people[:5], *people[6:]], lambda i, u: _test_answers(post, percents[i]))

    response = _get(client, regional, "reporting:dashboard")
    gain = response.context["board"].quality.gain
    assert (gain.pairs, round(gain.gain, 1), gain.improved) == (5, 32.0, 80)
    page = response.content.decode()
    assert "32.0" in page and "(60.0% → 92.0%)" in page and "80%" in page
    assert "of 5 people who took both tests" in page
    url = reverse("reporting:monthly-report", args=[trained.project_id, "docx"])
    document = Document(io.BytesIO(client.get(url).content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert "Knowledge gain, paired per person (points of %): 32.0" in lines
    assert "Improved their test score: 80%" in lines


@pytest.mark.parametrize("query", ["", "od=2020-01", "do=2020-01", "profil=management"])
def test_every_figure_counts_the_people_of_its_list(client, regional, trained, query):
    """The figures are counted together in one query, the lists one stage at a time: both read
    the same definition of each stage, with or without a period."""
    board = _get(client, regional, "reporting:dashboard", query).context["board"]
    for stage in ("started", "attending", "completed", "certified"):
        listed = _get(client, regional, "reporting:people", f"etap={stage}&{query}")
        people = {row.enrolment_id for row in listed.context["page"].paginator.object_list}
        assert board.totals.counts.get(stage, 0) == len(people), stage
    groups = board.tables.get("groups")
    assert (
        groups is None
        or sum(r.counts.get("started", 0) for r in groups.rows) == (board.totals.counts["started"])
    )
