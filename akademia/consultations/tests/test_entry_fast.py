"""Fast entry: an operator types comments during a meeting; htmx adds each to the list."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, Source, TargetKind
from akademia.territory.models import Jst


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in the source language (Polish is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def typing(client, national, meeting):
    client.force_login(national)
    url = reverse("consultations:meeting-type", args=[meeting.pk])

    def send(**fields):
        data = {"text": "", "speaker": "group", "author_name": "", "target": "programme"}
        return client.post(url, data | fields, headers={"HX-Request": "true"})

    return send


def test_page_lists_the_meetings_comments_newest_first(client, national, meeting):
    services.comments_add(
        actor=national,
        consultation=meeting.round,
        rows=[
            {"text": "Pierwsza uwaga.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
            {"text": "Druga uwaga.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
        ],
        source=Source.OPERATOR,
    )
    client.force_login(national)
    html = client.get(reverse("consultations:meeting-type", args=[meeting.pk])).content.decode()
    assert html.index("Druga uwaga.") < html.index("Pierwsza uwaga.")
    assert "autofocus" in html
    assert "consultations/js/fast-entry.js" in html


def test_a_long_meeting_shows_its_newest_comments_and_links_the_rest(
    client, national, meeting, monkeypatch
):
    from akademia.consultations.views import entry

    monkeypatch.setattr(entry, "RECENT_COMMENTS", 3)
    rows = [
        {"text": f"Uwaga numer {n}.", "meeting": meeting, "author_kind": AuthorKind.GROUP}
        for n in range(1, 6)
    ]
    services.comments_add(
        actor=national, consultation=meeting.round, rows=rows, source=Source.OPERATOR
    )
    client.force_login(national)
    html = client.get(reverse("consultations:meeting-type", args=[meeting.pk])).content.decode()
    assert "Uwaga numer 5." in html and "Uwaga numer 3." in html
    assert "Uwaga numer 2." not in html
    assert "The 3 newest of 5 comments are shown here." in html
    assert reverse("consultations:round-detail", args=[meeting.round_id]) in html


def test_htmx_post_returns_the_new_comment_and_an_empty_form(typing, meeting, national):
    response = typing(text="Zjazdy w piątki i soboty.", target="parameter:schedule")
    html = response.content.decode()
    assert "<html" not in html
    assert 'hx-swap-oob="afterbegin:#comments"' in html
    assert "No. 1" in html
    assert "Comment no. 1 added." in html
    assert "Zjazdy w piątki i soboty." in html
    assert 'value="parameter:schedule" selected' in html  # what it refers to stays chosen
    assert 'id="id_text">\n</textarea>' in html  # the textarea is empty again
    comment = meeting.comments.get()
    assert comment.source == Source.OPERATOR
    assert comment.author_kind == AuthorKind.GROUP
    assert (comment.target_kind, comment.target_parameter) == (TargetKind.PARAMETER, "schedule")
    assert comment.created_by == national
    assert comment.suggested_block.name in html


def test_comments_are_numbered_one_after_another(typing, meeting):
    typing(text="Pierwsza.")
    html = typing(text="Druga.").content.decode()
    assert "No. 2" in html
    assert list(meeting.comments.values_list("number", "text")) == [
        (1, "Pierwsza."),
        (2, "Druga."),
    ]


def test_a_participant_or_a_typed_name_is_the_author(typing, meeting, national, participant):
    kozieglowy = Jst.objects.get(code="2409023")
    speaker = services.participant_add(
        actor=national, meeting=meeting, jst=kozieglowy, name="Ewa Wójt", user=participant
    )
    typing(text="Z listy.", speaker=str(speaker.pk))
    typing(text="Wpisane nazwisko.", author_name="Jan Radny")
    from_list, typed_name = meeting.comments.order_by("number")
    assert from_list.author_kind == AuthorKind.PARTICIPANT
    assert (from_list.author_name, from_list.author_jst, from_list.author_user) == (
        "Ewa Wójt",
        kozieglowy,
        participant,
    )
    assert (typed_name.author_kind, typed_name.author_name) == (AuthorKind.PARTICIPANT, "Jan Radny")


def test_an_empty_comment_returns_the_form_with_its_error(typing, meeting):
    response = typing(text="  ", author_name="Jan Radny")
    html = response.content.decode()
    assert 'id="fast-entry-form"' in html
    assert "This field is required." in html
    assert 'value="Jan Radny"' in html
    assert meeting.comments.count() == 0


def test_without_htmx_the_page_reloads(client, national, meeting):
    client.force_login(national)
    url = reverse("consultations:meeting-type", args=[meeting.pk])
    data = {"text": "Bez skryptu.", "speaker": "group", "target": "programme"}
    response = client.post(url, data, follow=True)
    assert "Comment no. 1 added." in response.content.decode()


def test_a_closed_round_says_so(typing, meeting, national):
    services.round_set_status(actor=national, consultation=meeting.round, status="closed")
    html = typing(text="Za późno.").content.decode()
    assert "This round no longer collects comments." in html
    assert meeting.comments.count() == 0


def test_fast_entry_is_for_operators(client, meeting, expert, participant):
    url = reverse("consultations:meeting-type", args=[meeting.pk])
    for person in (expert, participant):
        client.force_login(person)
        assert client.get(url).status_code == 403
