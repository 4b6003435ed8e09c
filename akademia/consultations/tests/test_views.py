"""Consultation pages: who sees what, one-click blocks, decisions traced to the diff."""

import pytest
from django.urls import reverse

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, DecisionState, Source
from akademia.programmes import services as programmes


@pytest.fixture
def comments(consultation, meeting, national, participant):
    group = services.comments_add(
        actor=national,
        consultation=consultation,
        rows=[
            {"text": "Grupy do 20 osób.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
            {"text": "Zjazdy w piątki.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
        ],
        source=Source.OPERATOR,
    )
    own = services.comment_add(
        actor=participant,
        consultation=consultation,
        meeting=meeting,
        text="Więcej ćwiczeń na danych mojej gminy.",
        **services.author_fields_for(participant),
    )
    return [*group, own]


def test_participant_sees_only_own_comments(
    client, consultation, meeting, comments, participant, national
):
    services.participant_add(actor=national, meeting=meeting, jst=participant.jst)
    client.force_login(participant)
    html = client.get(
        reverse("consultations:round-detail", args=[consultation.pk])
    ).content.decode()
    assert "Więcej ćwiczeń" in html
    assert "Grupy do 20 osób" not in html


def test_a_verified_participant_sees_their_jst_comments_and_edits_only_own(
    client, consultation, meeting, comments, participant, national
):
    """The scope declared on Comment (`jst="author_jst"`): a verified participant, like their
    JST's coordinator, reads what others of their JST said, never another JST's comments, and
    edits only their own."""
    from akademia.territory.models import Jst

    kutno = Jst.objects.get(code="1002011")
    for jst in (participant.jst, kutno):
        services.participant_add(actor=national, meeting=meeting, jst=jst)
    ours, theirs = services.comments_add(
        actor=national,
        consultation=consultation,
        rows=[
            {"text": "Uwaga wójta.", "meeting": meeting, "author_kind": AuthorKind.JST}
            | {"author_jst": participant.jst},
            {"text": "Uwaga z Kutna.", "meeting": meeting, "author_kind": AuthorKind.JST}
            | {"author_jst": kutno},
        ],
        source=Source.OPERATOR,
    )
    client.force_login(participant)
    html = client.get(
        reverse("consultations:round-detail", args=[consultation.pk])
    ).content.decode()
    assert "Uwaga wójta." in html and "Więcej ćwiczeń" in html
    assert "Uwaga z Kutna." not in html
    assert reverse("consultations:comment-edit", args=[ours.pk]) not in html
    assert reverse("consultations:comment-edit", args=[comments[2].pk]) in html
    assert client.get(reverse("consultations:comment-edit", args=[ours.pk])).status_code == 403
    assert client.get(reverse("consultations:comment-edit", args=[theirs.pk])).status_code == 404


def test_coordinator_of_another_jst_does_not_see_the_round(
    client, consultation, comments, coordinator_other
):
    client.force_login(coordinator_other)
    url = reverse("consultations:round-detail", args=[consultation.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("consultations:comment-edit", args=[comments[2].pk])).status_code == 404
    )


def test_another_expert_does_not_see_the_round(client, consultation):
    from akademia.accounts.roles import Role
    from akademia.accounts.tests.factories import make_user

    client.force_login(make_user("obcy@test.example.org", Role.EXPERT))
    assert (
        client.get(reverse("consultations:round-detail", args=[consultation.pk])).status_code == 404
    )


def test_operator_confirms_a_block_with_one_click(client, comments, national):
    comment = comments[0]
    client.force_login(national)
    response = client.post(
        reverse("consultations:comment-block", args=[comment.pk]),
        {"block": comment.block.code},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="comment-{comment.pk}"')
    comment.refresh_from_db()
    assert comment.block_confirmed


def test_decision_is_traced_to_the_change_in_the_next_version(
    client, consultation, comments, national, expert, version
):
    v2 = programmes.version_new(actor=expert, version=version)
    programmes.version_update(actor=expert, version=v2, fields={"group_max": 20}, modules=[
        {"id": m.pk, "title": m.title, "hours": m.hours, "methods": m.methods,
         "learning_outcomes": "", "intersession_task": ""} for m in v2.modules.all()
    ])  # fmt: skip
    accepted = DecisionState.objects.get(code="accepted")
    client.force_login(national)
    prefix = f"c{comments[0].pk}"
    response = client.post(
        reverse("consultations:decision-record", args=[comments[0].pk]),
        {
            f"{prefix}-state": accepted.pk,
            f"{prefix}-reflection": "Grupy do 20 osób.",
            f"{prefix}-change_paths": "field:group_max",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    comments[0].refresh_from_db()
    assert comments[0].decision.change_paths == ["field:group_max"]
    html = client.get(
        reverse("consultations:round-changes", args=[consultation.pk])
    ).content.decode()
    assert "25 → 20" in html and "Grupy do 20 osób." in html


def test_decision_without_rationale_is_refused_with_a_message(client, comments, national):
    rejected = DecisionState.objects.get(code="not_accepted")
    client.force_login(national)
    prefix = f"c{comments[1].pk}"
    response = client.post(
        reverse("consultations:decision-record", args=[comments[1].pk]),
        {f"{prefix}-state": rejected.pk},
        headers={"HX-Request": "true"},
    )
    assert "errorlist" in response.content.decode()
    comments[1].refresh_from_db()
    assert not hasattr(comments[1], "decision")


@pytest.mark.parametrize("status", ["review", "closed"])
def test_a_regional_operator_cannot_change_the_status_of_the_national_round(
    client, consultation, regional, status
):
    client.force_login(regional)
    url = reverse("consultations:round-status", args=[consultation.pk])
    assert client.post(url, {"status": status}).status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == "open"
    page = client.get(reverse("consultations:round-detail", args=[consultation.pk]))
    assert url not in page.content.decode()  # no buttons it may not press


def test_a_regional_operator_cannot_reopen_a_closed_round(client, consultation, national, regional):
    services.round_set_status(actor=national, consultation=consultation, status="closed")
    client.force_login(regional)
    url = reverse("consultations:round-status", args=[consultation.pk])
    assert client.post(url, {"status": "open"}).status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == "closed"  # the public report stays published


def test_the_service_refuses_a_status_change_by_a_regional_operator(consultation, regional):
    from akademia.core.errors import DomainError

    with pytest.raises(DomainError, match="Status rundy zmienia tylko operator krajowy"):
        services.round_set_status(actor=regional, consultation=consultation, status="closed")
    consultation.refresh_from_db()
    assert consultation.status == "open"


def test_the_national_operator_changes_the_status(client, consultation, national):
    client.force_login(national)
    url = reverse("consultations:round-status", args=[consultation.pk])
    close = reverse("consultations:round-close", args=[consultation.pk])
    page = client.get(reverse("consultations:round-detail", args=[consultation.pk]))
    assert url in page.content.decode() and close in page.content.decode()
    client.post(url, {"status": "review"})
    consultation.refresh_from_db()
    assert consultation.status == "review"
    # Closing publishes the report: it is asked on its confirmation page first.
    assert client.post(url, {"status": "closed"})["Location"] == close
    consultation.refresh_from_db()
    assert consultation.status == "review"
    client.post(close)
    consultation.refresh_from_db()
    assert consultation.status == "closed"
    client.post(url, {"status": "open"})
    consultation.refresh_from_db()
    assert consultation.status == "open"


def test_the_operator_names_new_blocks_and_decisions_without_typing_a_code(
    client, national, blocks
):
    from akademia.consultations.models import Block

    client.force_login(national)
    url = reverse("consultations:taxonomy")
    response = client.post(url, {"block-name": "Rozwój lokalny", "block-order": "20"})
    assert response.status_code == 302
    client.post(url, {"block-name": "Rozwój lokalny", "block-order": "21"})
    codes = Block.objects.filter(name="Rozwój lokalny").values_list("code", flat=True)
    assert sorted(codes) == ["rozwoj-lokalny", "rozwoj-lokalny-2"]
    client.post(url, {"state-name": "Odłożona", "state-order": "9"})
    assert DecisionState.objects.get(name="Odłożona").code == "odlozona"
    html = client.get(url, headers={"Accept-Language": "pl"}).content.decode()
    assert "Rozwój lokalny" in html and "not_accepted" not in html and "rozwoj-lokalny" not in html
