"""The home page (issue #11): for a visitor, what the platform is and its public pages; for a
signed-in person, the panels their capabilities give them, not a copy of the menu."""

from django.urls import reverse

PANELS = {
    "national": [
        "recruitment/home/calls.html",
        "planning/home/plans.html",
        "consultations/home/rounds.html",
    ],
    "regional": [
        "recruitment/home/calls.html",
        "planning/home/plans.html",
        "consultations/home/rounds.html",
    ],
    "expert": ["consultations/home/rounds.html"],
    "trainer": [
        "planning/home/meetings.html",
        "delivery/home/tasks_review.html",
        "evaluation/home/surveys.html",
    ],
    "coordinator": [
        "efs/home/missing.html",  # empty while the JST has nobody taking part
        "recruitment/home/applications.html",
        "planning/home/dates.html",
        "delivery/home/tasks.html",
        "evaluation/home/surveys.html",
        "consultations/home/rounds.html",
    ],
    "participant": [
        "efs/home/missing.html",
        "planning/home/dates.html",
        "delivery/home/tasks.html",
        "evaluation/home/surveys.html",
        "consultations/home/rounds.html",
    ],
}


def test_a_visitor_reads_what_the_platform_is_and_finds_its_public_pages(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Szkolenia i doradztwo dla osób pracujących w samorządach" in page
    for name in ("programmes:catalogue", "consultations:report-list", "recruitment:open-calls"):
        assert f'href="{reverse(name)}"' in page, name
    assert f'href="{reverse("accounts:login")}"' in page


def test_each_role_gets_the_panels_of_its_capabilities(client, personas):
    for role, user in personas.items():
        client.force_login(user)
        response = client.get(reverse("core:home"))
        assert [p.template for p in response.context["panels"]] == PANELS[role], role
        page = response.content.decode()
        assert 'class="cards"' not in page, f"{role}: the home page repeats the menu"
