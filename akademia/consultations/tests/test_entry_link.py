"""The meeting link: participants send comments without an account, one after another."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, Source, TargetKind
from akademia.consultations.views.entry import RATE_LIMIT
from akademia.core.errors import DomainError
from akademia.territory.models import Jst


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in the source language (Polish is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def attendees(meeting, national):
    """The JST taking part in the meeting: the only ones a comment through its link may name."""
    for code in ("2409023", "2409011"):
        services.participant_add(actor=national, meeting=meeting, jst=Jst.objects.get(code=code))


def _visitor(address: str) -> Client:
    """Someone opening the link in a new browser (a new session) from the given address."""
    visitor = Client(REMOTE_ADDR=address)
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return visitor


def _url(meeting) -> str:
    return reverse("consultations:meeting-entry", args=[meeting.entry_token])


def _data(**fields) -> dict:
    return {
        "author_name": "Anna Nowak",
        "author_jst": "2409023",
        "target": "parameter:group_size",
        "text": "Grupy powinny liczyć najwyżej 20 osób.",
        "proposed_change": "Grupy 16–20 osób.",
        **fields,
    }


def test_a_comment_is_saved_with_its_fields(client, meeting):
    response = client.post(_url(meeting), _data(), follow=True)
    comment = meeting.comments.get()
    assert comment.source == Source.LINK
    assert comment.author_kind == AuthorKind.PARTICIPANT
    assert (comment.author_name, comment.author_jst.code) == ("Anna Nowak", "2409023")
    assert (comment.target_kind, comment.target_parameter) == ("parameter", "group_size")
    assert comment.proposed_change == "Grupy 16–20 osób."
    assert comment.author_user is None and comment.created_by is None
    assert comment.suggested_block is not None
    html = response.content.decode()
    assert "your comment was sent as no. 1" in html
    assert "Grupy powinny liczyć najwyżej 20 osób." in html  # listed as sent
    form = response.context["form"]
    assert form["author_name"].value() == "Anna Nowak"
    assert form["author_jst"].value() == "2409023"
    assert not form["text"].value()


def test_without_a_name_the_comment_is_the_jsts_and_may_name_a_module(client, meeting):
    module = meeting.round.version.modules.get()
    client.post(_url(meeting), _data(author_name="", target=f"module:{module.pk}"))
    comment = meeting.comments.get()
    assert comment.author_kind == AuthorKind.JST
    assert (comment.target_kind, comment.target_module) == (TargetKind.MODULE, module)


def test_the_list_shows_only_what_this_browser_sent(client, meeting, national):
    services.comment_add(
        actor=national, consultation=meeting.round, meeting=meeting, text="Cudza uwaga.",
        author_kind=AuthorKind.GROUP,
    )  # fmt: skip
    client.post(_url(meeting), _data(text="Moja uwaga."))
    html = client.get(_url(meeting)).content.decode()
    assert "Moja uwaga." in html
    assert "Cudza uwaga." not in html


def test_a_signed_in_participant_is_the_author(client, meeting, participant):
    client.force_login(participant)
    form = client.get(_url(meeting)).context["form"]
    assert form["author_jst"].value() == "2409023"
    client.post(_url(meeting), _data())
    assert meeting.comments.get().author_user == participant


def test_unknown_token_is_404(client, meeting):
    url = reverse("consultations:meeting-entry", args=["no-such-token"])
    assert client.get(url).status_code == 404


def test_a_round_that_no_longer_collects_refuses(client, meeting, national):
    services.round_set_status(actor=national, consultation=meeting.round, status="review")
    response = client.get(_url(meeting))
    assert response.status_code == 403
    assert "no longer collects comments" in response.content.decode()
    assert client.post(_url(meeting), _data()).status_code == 403
    assert meeting.comments.count() == 0


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, meeting):
    response = client.post(_url(meeting), _data(text="", author_jst="2409999"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Anna Nowak"' in html
    assert "Grupy 16–20 osób." in html
    assert "This field is required." in html
    assert "Choose a JST from the list" in html
    assert meeting.comments.count() == 0


def test_an_unknown_target_is_refused(client, meeting):
    response = client.post(_url(meeting), _data(target="parameter:colour"))
    assert "Select a valid choice" in response.content.decode()
    assert meeting.comments.count() == 0


def test_too_many_comments_from_one_session(client, meeting):
    for number in range(RATE_LIMIT):
        client.post(_url(meeting), _data(text=f"Uwaga {number}"))
    response = client.post(_url(meeting), _data(text="Jedna za dużo"))
    assert "the most this form takes" in response.content.decode()
    assert "Jedna za dużo" in response.content.decode()
    assert meeting.comments.count() == RATE_LIMIT


def test_the_jst_field_offers_the_meetings_participants_only(client, meeting):
    field = client.get(_url(meeting)).context["form"].fields["author_jst"]
    assert sorted(str(value) for value, _label in field.choices if value) == [
        "2409011",
        "2409023",
    ]


def test_a_jst_not_taking_part_in_the_meeting_cannot_be_named(client, meeting):
    response = client.post(_url(meeting), _data(author_jst="1002011"))  # Kutno, not there
    assert response.status_code == 200
    assert response.context["form"].errors["author_jst"]
    assert "Grupy 16–20 osób." in response.content.decode()  # what was typed stays
    assert meeting.comments.count() == 0


def test_the_service_refuses_a_link_comment_naming_another_jst(meeting, db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(DomainError, match="Choose a JST from the list of this meeting") as refusal:
        services.comment_add(
            actor=AnonymousUser(),
            consultation=meeting.round,
            source=Source.LINK,
            meeting=meeting,
            text="Uwaga w imieniu cudzej JST.",
            author_kind=AuthorKind.JST,
            author_jst=Jst.objects.get(code="1002011"),
        )
    assert refusal.value.field == "author_jst"
    assert meeting.comments.count() == 0


def test_an_anonymous_comment_of_30_000_characters_is_refused(client, meeting):
    """Issue #11: the probe's 30 000-character comment through the link was accepted."""
    response = client.post(_url(meeting), _data(text="a" * 30_000))
    assert response.status_code == 200
    assert "at most 5000 characters" in str(response.context["form"].errors["text"])
    assert meeting.comments.count() == 0


def test_the_service_refuses_a_comment_over_the_limit_however_it_comes_in(meeting, national):
    with pytest.raises(DomainError, match="At most 5000 characters; this has 5001.") as refusal:
        services.comment_add(
            actor=national,
            consultation=meeting.round,
            source=Source.OPERATOR,
            meeting=meeting,
            text="b" * 5001,
            author_kind=AuthorKind.GROUP,
        )
    assert refusal.value.field == "text"
    assert meeting.comments.count() == 0


def test_fresh_sessions_from_one_address_share_the_links_limit(meeting, settings, consultation):
    settings.COMMENT_LINK_ADDRESS_LIMIT = 3
    for number in range(3):
        _visitor("203.0.113.5").post(_url(meeting), _data(text=f"Uwaga {number}"))
    assert meeting.comments.count() == 3
    response = _visitor("203.0.113.5").post(_url(meeting), _data(text="Jedna za dużo"))
    assert response.status_code == 200
    assert "from your network" in response.content.decode()
    assert "Jedna za dużo" in response.content.decode()
    assert meeting.comments.count() == 3
    # Another address is not held back by it.
    _visitor("198.51.100.7").post(_url(meeting), _data(text="Z innej sieci"))
    assert meeting.comments.count() == 4


def test_a_forged_forwarded_for_does_not_lift_the_links_limit(meeting, settings):
    settings.COMMENT_LINK_ADDRESS_LIMIT = 2
    for number in range(3):
        _visitor("203.0.113.5").post(
            _url(meeting),
            _data(text=f"Uwaga {number}"),
            headers={"X-Forwarded-For": f"192.0.2.{number}"},
        )
    assert meeting.comments.count() == 2
