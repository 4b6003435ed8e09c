"""The home page's consultations panel (issue #11): operators and the programme's authors see
the rounds by status and the comments waiting for a decision; a JST's people the rounds of
their JST with their JST's comments. The published reports are listed for anyone."""

import pytest
from django.urls import reverse

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.consultations import services
from akademia.consultations.models import AuthorKind, DecisionState, Source
from akademia.programmes.models import VersionStatus
from akademia.programmes.tests.factories import make_version
from akademia.territory.models import Jst

PANEL = "consultations/home/rounds.html"


def _figures(client, user):
    client.force_login(user)
    response = client.get(reverse("core:home"))
    return response, next(p.figures for p in response.context["panels"] if p.template == PANEL)


@pytest.fixture
def comments(consultation, meeting, national, participant):
    """Three comments of Koziegłowy's meeting (one by its participant, one decided) and one
    of Kutno's JST."""
    kutno = Jst.objects.get(code="1002011")
    for jst in (participant.jst, kutno):
        services.participant_add(actor=national, meeting=meeting, jst=jst)
    rows = [
        {"text": "Grupy do 20 osób.", "author_kind": AuthorKind.GROUP},
        {"text": "Uwaga wójta.", "author_kind": AuthorKind.JST, "author_jst": participant.jst},
        {"text": "Uwaga z Kutna.", "author_kind": AuthorKind.JST, "author_jst": kutno},
    ]
    made = services.comments_add(
        actor=national,
        consultation=consultation,
        rows=[row | {"meeting": meeting} for row in rows],
        source=Source.OPERATOR,
    )
    own = services.comment_add(
        actor=participant,
        consultation=consultation,
        meeting=meeting,
        text="Więcej ćwiczeń.",
        **services.author_fields_for(participant),
    )
    services.decision_record(
        actor=national,
        comment=made[0],
        state=DecisionState.objects.get(code="accepted"),
        reflection="Grupy mają 16-20 osób.",
    )
    return [*made, own]


@pytest.fixture
def closed_round(expert, national):
    version = make_version(expert, national, VersionStatus.IN_CONSULTATION, title="Kadry")
    consultation = services.round_create(actor=national, version=version, title="Konsultacje 2016")
    services.round_set_status(actor=national, consultation=consultation, status="closed")
    return consultation


def test_the_national_operator_sees_rounds_and_comments_waiting(
    client, national, consultation, comments, closed_round
):
    response, figures = _figures(client, national)
    assert (figures["open"], figures["review"], figures["closed"]) == (1, 0, 1)
    assert figures["rounds"] == [consultation]
    assert (consultation.pk, figures["rounds"][0].comment_count) == (consultation.pk, 4)
    assert figures["undecided"] == 3
    page = response.content.decode()
    assert f'href="{reverse("consultations:round-list")}?status=open"' in page
    detail = reverse("consultations:round-detail", args=[consultation.pk])
    assert f'href="{detail}?undecided=1#comments"' in page
    assert f'href="{reverse("consultations:round-create")}"' in page


def test_the_list_behind_a_figure_shows_those_rounds_and_comments(
    client, national, consultation, comments, closed_round
):
    client.force_login(national)
    page = client.get(reverse("consultations:round-list"), {"status": "open"}).content.decode()
    assert consultation.title in page and closed_round.title not in page
    detail = reverse("consultations:round-detail", args=[consultation.pk])
    page = client.get(detail, {"undecided": "1"}).content.decode()
    assert "Uwaga wójta." in page and "Grupy do 20 osób." not in page


def test_the_author_sees_what_waits_on_their_programme_and_no_other(
    client, expert, consultation, comments
):
    _response, figures = _figures(client, expert)
    assert figures["undecided"] == 3 and figures["rounds"] == [consultation]
    stranger = make_user("inny.ekspert@test.example.org", Role.EXPERT)
    _response, figures = _figures(client, stranger)
    assert (figures["open"], figures["undecided"], figures["rounds"]) == (0, 0, [])


def test_a_participant_sees_the_rounds_of_their_jst_with_its_comments(
    client, participant, consultation, comments
):
    response, figures = _figures(client, participant)
    assert figures["rounds"] == [consultation]
    # Their own and their JST's comments; not the exchange group's, not Kutno's.
    assert figures["rounds"][0].comment_count == 2
    page = response.content.decode()
    assert "?undecided=1" not in page
    assert (
        f'href="{reverse("consultations:round-detail", args=[consultation.pk])}#comments"' in page
    )


def test_the_published_reports_are_listed_for_anyone(client, consultation, closed_round):
    response = client.get(reverse("consultations:report-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{reverse("consultations:round-public", args=[closed_round.pk])}"' in page
    assert consultation.title not in page
