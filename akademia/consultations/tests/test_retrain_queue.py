"""Confirming many comments' blocks queues one retraining, not one per comment (#12): while a
retraining waits in the queue, it will read the newest labels when it starts, so another one
would only train nothing."""

import pytest
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, ClassifierSnapshot, Source
from akademia.consultations.tasks import retrain_classifier

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TEXTS = [
    "Za mało ćwiczeń praktycznych.",
    "Zjazdy powinny być w piątki i soboty.",
    "Brakuje tematu zamówień publicznych.",
    "Grupy są zbyt liczne.",
    "Materiały przysłać wcześniej.",
    "Więcej przykładów z gmin wiejskich.",
]


def _confirm(consultation, meeting, national, blocks, texts, capture):
    rows = [{"text": t, "meeting": meeting, "author_kind": AuthorKind.GROUP} for t in texts]
    comments = services.comments_add(
        actor=national, consultation=consultation, rows=rows, source=Source.OPERATOR
    )
    for i, comment in enumerate(comments):
        block = blocks["methods"] if i % 2 else blocks["scope"]
        with capture(execute=True):  # each confirmation a request of its own
            services.block_set(actor=national, comment=comment, block=block)


def _queued() -> int:
    return DBTaskResult.objects.filter(
        task_path=retrain_classifier.module_path, status=TaskResultStatus.READY
    ).count()


@pytest.mark.parametrize("count", [2, 6])
def test_confirming_many_blocks_queues_one_retraining(
    count, consultation, meeting, national, blocks, django_capture_on_commit_callbacks
):
    with override_settings(TASKS=DATABASE_QUEUE):
        _confirm(
            consultation,
            meeting,
            national,
            blocks,
            TEXTS[:count],
            django_capture_on_commit_callbacks,
        )
        assert _queued() == 1
        # The worker takes it: it learns every label confirmed while it waited.
        queued = DBTaskResult.objects.get()
        queued.claim("test-worker")
        assert retrain_classifier.call() == count
        queued.set_successful(count)
        assert ClassifierSnapshot.objects.get().examples == count

        # Nothing waits now: the next confirmation queues a retraining again.
        _confirm(
            consultation,
            meeting,
            national,
            blocks,
            ["Zbyt krótkie przerwy."],
            django_capture_on_commit_callbacks,
        )
        assert _queued() == 1
