"""Comments get numbers and suggested blocks; operators confirm; decisions cover a group."""

import pytest

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, DecisionState, Source
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry


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
    with pytest.raises(DomainError, match="Najpierw skieruj wersję do konsultacji") as refusal:
        services.round_create(actor=national, version=draft, title="R")
    assert refusal.value.field == "version"


def test_a_superseded_version_is_not_offered_for_a_new_round(expert, national):
    """Issue #11: version 1 was still offered after version 2 went to consultation. (The
    service still accepts it: the demo records the 2017 round of version 1 after version 2.)"""
    from akademia.consultations.forms import RoundForm
    from akademia.programmes.services import version_new, version_set_status
    from akademia.programmes.tests.factories import make_version

    old = make_version(expert, national, "in_consultation")
    new = version_set_status(
        actor=national, version=version_new(actor=expert, version=old), status="in_consultation"
    )
    assert list(RoundForm().fields["version"].queryset) == [new]
    form = RoundForm(data={"version": old.pk, "title": "R"})
    assert not form.is_valid() and "version" in form.errors


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
    with pytest.raises(DomainError, match="Uwaga nie może być pusta") as refusal:
        _add(consultation, meeting, national, "Dobra uwaga", "  ")
    assert refusal.value.field == "text"
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


def test_the_retraining_task_learns_as_the_learning_benchmark_measures(
    consultation, meeting, national, blocks, django_capture_on_commit_callbacks
):
    """One recipe (`nlp.model.retrain_with_confirmed`): the snapshot the task stores is the model
    bench/classify_learning.py scores after the same confirmations."""
    import numpy as np

    from akademia.consultations.models import ClassifierSnapshot
    from akademia.consultations.nlp import Model
    from akademia.consultations.nlp.model import retrain_with_confirmed

    texts = ("Test phishingowy w urzędzie przed zjazdem.", "Zjazdy tylko we wtorki.")
    comments = _add(consultation, meeting, national, *texts)
    with django_capture_on_commit_callbacks(execute=True):
        services.block_set(actor=national, comment=comments[0], block=blocks["intersession"])
        services.block_set(actor=national, comment=comments[1], block=blocks["scope"])
    stored = Model.from_bytes(bytes(ClassifierSnapshot.objects.first().model))
    expected = retrain_with_confirmed([(texts[0], "intersession"), (texts[1], "scope")])
    probe = ["kampania phishingowa w urzędzie", "wtorki i środy"]
    assert stored.training_size == expected.training_size
    assert np.allclose(stored.predict_proba(probe), expected.predict_proba(probe))


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
    with pytest.raises(DomainError, match="Podaj sposób uwzględnienia uwagi w programie"):
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
    with pytest.raises(
        DomainError, match="Możesz zmieniać tylko własne uwagi i tylko w czasie zbierania uwag"
    ):
        services.comment_update(actor=coordinator, comment=comment, text="Zmiana")


def test_participants_and_groups_are_audited(consultation, meeting, national, participant):
    services.participant_add(actor=national, meeting=meeting, jst=participant.jst, user=participant)
    a, b, c = _add(consultation, meeting, national, "Pierwsza.", "Druga.", "Trzecia.")
    group = services.group_merge(actor=national, comments=[a, b, c])
    a.refresh_from_db()
    services.group_leave(actor=national, comment=a)
    actions = list(
        AuditEntry.objects.filter(
            action__in=[
                "consultations.participant.added",
                "consultations.group.merged",
                "consultations.group.left",
            ]
        )
        .order_by("pk")
        .values_list("action", "data")
    )
    assert actions == [
        (
            "consultations.participant.added",
            {"meeting": meeting.pk, "jst": "2409023", "user": participant.pk},
        ),
        ("consultations.group.merged", {"group": group.pk, "comments": [1, 2, 3]}),
        ("consultations.group.left", {"group": group.pk, "dissolved": False}),
    ]


def test_only_operators_run_a_round(consultation, meeting, participant, expert):
    for actor in (participant, expert):
        with pytest.raises(DomainError, match="Tę czynność mogą wykonać tylko operatorzy"):
            services.participant_add(actor=actor, meeting=meeting, jst=participant.jst)
        with pytest.raises(DomainError, match="Tę czynność mogą wykonać tylko operatorzy"):
            _add(consultation, meeting, actor, "Wpisana przez nie-operatora.")
    assert not meeting.participants.exists() and not consultation.comments.exists()


def test_only_the_national_operator_adds_kinds_of_decision(regional, national):
    fields = {"code": "deferred", "name": "odłożona", "changes_programme": False, "order": 9}
    with pytest.raises(
        DomainError, match="Listę rodzajów decyzji może zmieniać tylko operator krajowy"
    ):
        services.decision_state_add(actor=regional, **fields)
    assert services.decision_state_add(actor=national, **fields).code == "deferred"


def test_a_closed_round_is_read_only(client, consultation, meeting, national, blocks):
    """Issue #11: a closed round's 70 comments could still be re-classified from its page,
    silently changing the published report."""
    from django.urls import reverse

    from akademia.consultations.models import RoundStatus

    a, b = _add(consultation, meeting, national, "Za mało ćwiczeń.", "Za dużo teorii.")
    services.round_set_status(actor=national, consultation=consultation, status=RoundStatus.CLOSED)
    refused = "Ta runda jest zamknięta"
    state = DecisionState.objects.get(code="accepted")
    attempts = [
        lambda: services.block_set(actor=national, comment=a, block=blocks["methods"]),
        lambda: services.comment_update(actor=national, comment=a, text="Inny tekst."),
        lambda: services.group_merge(actor=national, comments=[a, b]),
        lambda: services.duplicates_regroup(actor=national, consultation=consultation),
        lambda: services.decision_record(actor=national, comment=a, state=state, reflection="x"),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError, match=refused):
            attempt()
    a.refresh_from_db()
    assert (a.text, a.block_confirmed) == ("Za mało ćwiczeń.", False)
    client.force_login(national)
    html = client.get(reverse("consultations:round-detail", args=[consultation.pk])).content
    assert reverse("consultations:comment-block", args=[a.pk]).encode() not in html


def test_a_release_with_new_shipped_examples_retrains_on_the_same_labels(
    consultation, meeting, national, blocks, django_capture_on_commit_callbacks, monkeypatch
):
    from akademia.consultations import classifier
    from akademia.consultations.models import ClassifierSnapshot

    (comment,) = _add(consultation, meeting, national, "Za mało ćwiczeń praktycznych.")
    with django_capture_on_commit_callbacks(execute=True):
        services.block_set(actor=national, comment=comment, block=blocks["methods"])
    assert classifier.retrain() is None
    shipped = [*classifier.training_examples(), ("Więcej studiów przypadku.", "methods")]
    monkeypatch.setattr(classifier, "training_examples", lambda: shipped)
    snapshot = classifier.retrain()
    assert snapshot is not None and ClassifierSnapshot.objects.first().pk == snapshot.pk
