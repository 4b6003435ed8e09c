"""Comments get numbers and suggested blocks; operators confirm; decisions cover a group."""

import pytest

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, DecisionState, Source
from akademia.core.errors import DomainError


def _add(consultation, meeting, actor, *texts):
    rows = [{"text": text, "meeting": meeting, "author_kind": AuthorKind.GROUP} for text in texts]
    return services.comments_add(
        actor=actor, consultation=consultation, rows=rows, source=Source.OPERATOR
    )


def test_seeded_taxonomy_has_the_ten_codes(blocks):
    leaves = {code for code, block in blocks.items() if not block.children.exists()}
    assert len(leaves) == 10
    assert blocks["organisation.schedule"].parent.code == "organisation"


def test_round_only_on_a_version_in_consultation(expert, national):
    from akademia.programmes.services import programme_create

    draft = programme_create(actor=expert, title="X", goal="Y", target_kinds=["rural"])
    with pytest.raises(DomainError):
        services.round_create(actor=national, version=draft, title="R")


def test_comments_are_numbered_and_get_a_suggested_block(consultation, meeting, national):
    first, second = _add(
        consultation,
        meeting,
        national,
        "Zjazdy w piątki i soboty, nie w poniedziałki.",
        "Grupy szkoleniowe powinny liczyć najwyżej 20 osób.",
    )
    assert (first.number, second.number) == (1, 2)
    assert first.suggested_block.code == "organisation.schedule"
    assert second.block.code == "organisation.groups"
    assert 0 < first.suggestion_confidence <= 1
    assert not first.block_confirmed


def test_empty_comment_in_a_batch_adds_nothing(consultation, meeting, national):
    with pytest.raises(DomainError):
        _add(consultation, meeting, national, "Dobra uwaga", "  ")
    assert consultation.comments.count() == 0


def test_operator_corrects_the_block_and_the_classifier_retrains(
    consultation, meeting, national, blocks, django_capture_on_commit_callbacks
):
    (comment,) = _add(consultation, meeting, national, "Za mało ćwiczeń praktycznych.")
    with django_capture_on_commit_callbacks(execute=True):
        services.block_set(actor=national, comment=comment, block=blocks["methods"])
    comment.refresh_from_db()
    assert (comment.block.code, comment.block_confirmed) == ("methods", True)
    from akademia.consultations.models import ClassifierSnapshot

    assert ClassifierSnapshot.objects.get().examples == 1


def test_re_correcting_a_confirmed_block_retrains_on_the_new_label(
    consultation, meeting, national, blocks, django_capture_on_commit_callbacks
):
    from akademia.consultations.classifier import retrain
    from akademia.consultations.models import ClassifierSnapshot

    (comment,) = _add(consultation, meeting, national, "Za mało ćwiczeń praktycznych.")
    with django_capture_on_commit_callbacks(execute=True):
        services.block_set(actor=national, comment=comment, block=blocks["methods"])
    first = ClassifierSnapshot.objects.get()
    # The same comment corrected again: still one confirmed comment, but another label.
    with django_capture_on_commit_callbacks(execute=True):
        services.block_set(actor=national, comment=comment, block=blocks["scope"])
    newest = ClassifierSnapshot.objects.first()
    assert newest.pk != first.pk and newest.examples == 1
    assert newest.fingerprint != first.fingerprint
    assert retrain() is None  # nothing changed since: nothing to learn


def test_decision_covers_the_whole_group_and_needs_a_rationale(consultation, meeting, national):
    a, b, c = _add(
        consultation,
        meeting,
        national,
        "Grupy są za duże, 25 osób to za dużo na warsztaty.",
        "Proponujemy mniejsze grupy, do 20 osób.",
        "Zadania między zjazdami są zbyt obszerne.",
    )
    services.group_merge(actor=national, comments=[a, b])
    accepted = DecisionState.objects.get(code="accepted")
    with pytest.raises(DomainError):
        services.decision_record(actor=national, comment=a, state=accepted)
    decisions = services.decision_record(
        actor=national, comment=a, state=accepted, reflection="Grupy 16–24 osoby."
    )
    assert {d.comment_id for d in decisions} == {a.pk, b.pk}
    assert not hasattr(c, "decision") or c.decision is None


def test_participant_edits_only_own_comment(consultation, meeting, participant, coordinator):
    comment = services.comment_add(
        actor=participant,
        consultation=consultation,
        meeting=meeting,
        text="Więcej przykładów z małych gmin.",
        **services.author_fields_for(participant),
    )
    services.comment_update(actor=participant, comment=comment, text="Więcej przykładów.")
    with pytest.raises(DomainError):
        services.comment_update(actor=coordinator, comment=comment, text="Zmiana")
