"""The API's resources as two operators of different scopes see them, through tokens."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akademia.api.tests.conftest import OTHER, OWN, bearer

LISTS = [
    "programy",
    "wersje-programow",
    "konsultacje",
    "uwagi",
    "rozstrzygniecia",
    "projekty",
    "nabory",
    "grupy",
    "zjazdy",
]
SCOPED = ["projekty", "nabory", "grupy", "zjazdy"]


def _get(client, key, path, **extra):
    return client.get(f"/api/v1/{path}", **bearer(key), **extra)


@pytest.mark.parametrize("resource", LISTS)
def test_every_list_answers_both_operators(client, world, resource):
    for role in ("national", "regional"):
        response = _get(client, world.keys[role], f"{resource}/?page_size=200")
        assert response.status_code == 200, (role, resource, response.content[:300])
        body = response.json()
        assert {"count", "next", "previous", "results"} <= body.keys()
        assert body["count"] == len(body["results"])


@pytest.mark.parametrize("resource", SCOPED)
def test_the_regional_operator_sees_only_its_voivodeship(client, world, resource):
    national = _get(client, world.keys["national"], f"{resource}/?page_size=200").json()
    regional = _get(client, world.keys["regional"], f"{resource}/?page_size=200").json()
    national_ids = {row["id"] for row in national["results"]}
    regional_ids = {row["id"] for row in regional["results"]}
    assert world.other_ids[resource], f"the world has no {resource} in Łódzkie"
    assert world.other_ids[resource] <= national_ids  # the control: they exist and are listed
    assert regional_ids == world.own_ids[resource]
    assert not regional_ids & world.other_ids[resource]
    for pk in sorted(world.other_ids[resource])[:3]:
        assert _get(client, world.keys["regional"], f"{resource}/{pk}/").status_code == 404
    # A filter does not reach past the scope either.
    other = _get(client, world.keys["regional"], f"{resource}/?voivodeship={OTHER}").json()
    assert other["count"] == 0
    own = _get(client, world.keys["regional"], f"{resource}/?voivodeship={OWN}").json()
    assert own["count"] == len(world.own_ids[resource])


def test_calls_carry_aggregated_recruitment_figures(client, world):
    calls = _get(client, world.keys["national"], "nabory/").json()["results"]
    figures = calls[0]["figures"]
    assert sum(figures["applications"].values()) > 0
    assert figures["people_applied"] > 0
    projects = _get(client, world.keys["national"], "projekty/").json()["results"]
    assert all(p["figures"]["jst_enrolled"] > 0 for p in projects)


def test_filters(client, world):
    key = world.keys["national"]
    call = _get(client, key, "nabory/").json()["results"][0]
    by_project = _get(client, key, f"nabory/?project={call['project']}").json()
    assert {c["project"] for c in by_project["results"]} == {call["project"]}
    assert _get(client, key, "nabory/?status=nonsense").status_code == 400
    assert _get(client, key, "nabory/?project=abc").status_code == 400
    decided = _get(client, key, "uwagi/?decided=true&page_size=200").json()["results"]
    assert decided and all(c["decision"] for c in decided)
    undecided = _get(client, key, "uwagi/?decided=false&page_size=200").json()["results"]
    assert all(c["decision"] is None for c in undecided)


def test_pagination_defaults_to_50_and_stops_at_200(client, world):
    key = world.keys["national"]
    assert _get(client, key, "uwagi/?page_size=1").json()["next"]
    assert len(_get(client, key, "uwagi/?page_size=1").json()["results"]) == 1
    from akademia.api.pagination import Pages

    assert (Pages.page_size, Pages.max_page_size) == (50, 200)
    assert _get(client, key, "uwagi/?page=999").status_code == 404


def test_a_conditional_get_with_the_etag_answers_304(client, world):
    key = world.keys["regional"]
    first = _get(client, key, "projekty/")
    etag = first["ETag"]
    again = _get(client, key, "projekty/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # The weak form a gzip'ed answer carries matches too; another list's ETag does not.
    assert _get(client, key, "projekty/", HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert _get(client, key, "nabory/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("resource", LISTS)
def test_a_list_costs_the_same_queries_for_1_or_200_rows(client, world, resource):
    """Per role: the national operator (no scope to look up) and a regional one; every list
    has at least two rows for the national operator (a second round is added here)."""
    if resource == "konsultacje":
        _second_round()
    for role in ("national", "regional"):
        _queries_per_page_size(client, world.keys[role], resource)


def _queries_per_page_size(client, key, resource):
    _get(client, key, "projekty/")  # the token's "last used" is written once in a while
    counts = []
    for size in (1, 200):
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, key, f"{resource}/?page_size={size}")
        assert response.status_code == 200
        counts.append(len(captured))
    rows = _get(client, key, f"{resource}/?page_size=200").json()["count"]
    assert rows >= 1, resource
    assert counts[0] == counts[1], f"{resource}: {counts}"
    assert counts[0] <= 8, f"{resource}: {counts[0]} queries"


def _second_round():
    from akademia.accounts.models import User
    from akademia.consultations import services
    from akademia.consultations.models import ConsultationRound
    from akademia.demo.national import DOMAIN
    from akademia.programmes.tests.factories import make_version

    national = User.objects.get(email=f"krajowy@{DOMAIN}")
    expert = User.objects.get(email=f"ekspert@{DOMAIN}")
    version = make_version(expert, national, "in_consultation")
    services.round_create(actor=national, version=version, title="Druga runda")
    assert ConsultationRound.objects.count() >= 2


def test_comments_show_their_author_as_the_round_page_does(client, world):
    from akademia.consultations.models import Comment

    comments = _get(client, world.keys["national"], "uwagi/?page_size=5").json()["results"]
    for row in comments:
        assert row["author"] == Comment.objects.get(pk=row["id"]).author_display
        assert "@" not in row["author"]
        assert not {"author_user", "created_by", "author_name", "email"} & row.keys()


def test_indicators_are_the_dashboards_figures_of_the_callers_scope(client, world):
    from akademia.recruitment.models import Project

    national = _get(client, world.keys["national"], "wskazniki/").json()
    regional = _get(client, world.keys["regional"], "wskazniki/").json()
    assert {int(r["key"]) for r in national["projects"]} == (
        world.own_ids["projekty"] | world.other_ids["projekty"]
    )
    assert {int(r["key"]) for r in regional["projects"]} == world.own_ids["projekty"]
    assert national["totals"]["counts"]["recruited"] > regional["totals"]["counts"]["recruited"]
    assert {"projects", "kinds", "profiles", "genders", "months", "funnel"} <= regional.keys()
    # Another region's project is 404 for the regional operator, as on the dashboard.
    other = sorted(world.other_ids["projekty"])[0]
    assert _get(client, world.keys["regional"], f"wskazniki/?project={other}").status_code == 404
    own = sorted(world.own_ids["projekty"])[0]
    one = _get(client, world.keys["national"], f"wskazniki/?project={own}").json()
    assert [int(r["key"]) for r in one["projects"]] == [own]
    assert one["filters"]["project"] == own
    assert Project.objects.filter(pk=own, voivodeship__code=OWN).exists()
    for bad in ("kind=x", "profile=x", "from=2026-13", "project=abc"):
        assert _get(client, world.keys["national"], f"wskazniki/?{bad}").status_code == 400, bad
    narrowed = _get(client, world.keys["national"], "wskazniki/?kind=rural&from=2026-01")
    assert narrowed.status_code == 200
