"""The block classifier as the app uses it: the newest trained snapshot, or the shipped model.

Retraining (a background task, one per installation, coalesced by `request_retrain`) learns from
the shipped training set plus every comment whose block an operator confirmed or corrected in
this installation (`nlp.model.retrain_with_confirmed`, the recipe the benchmark measures); the
snapshot is stored in the database so that every web process and worker suggests with the same
model. `bench/classify_learning.py` measures what that retraining gains on the next comments of
consultations of programmes the shipped model has never seen.
"""

import hashlib

from django.db import transaction
from django_tasks import TaskResultStatus

from akademia.consultations.models import ClassifierSnapshot, Comment
from akademia.consultations.nlp import Model, ModelConfig, Prediction, default_model
from akademia.consultations.nlp.datasets import training_examples
from akademia.consultations.nlp.model import retrain_with_confirmed

_cache: dict[str, object] = {"id": None, "model": None}


def current_model() -> Model:
    snapshot = ClassifierSnapshot.objects.only("id").first()
    if snapshot is None:
        return default_model()
    if _cache["id"] != snapshot.pk:
        data = ClassifierSnapshot.objects.values_list("model", flat=True).get(pk=snapshot.pk)
        _cache.update(id=snapshot.pk, model=Model.from_bytes(bytes(data)))
    return _cache["model"]


def suggest(texts: list[str]) -> list[Prediction]:
    return current_model().predict(texts)


def confirmed_examples() -> list[tuple[str, str]]:
    return list(
        Comment.objects.filter(block_confirmed=True, block__isnull=False)
        .order_by("pk")
        .values_list("text", "block__code")
    )


def fingerprint(examples: list[tuple[str, str]], shipped: list[tuple[str, str]] = ()) -> str:
    """Identifies a labelled set, whatever the order its rows were read in; `shipped` (the
    training set that comes with the code) is part of it, so that a release with new training
    data or features makes the next retraining learn again instead of skipping."""
    digest = hashlib.sha256()
    for text, code in sorted(examples):
        digest.update(f"{code}\x1f{text}\x1e".encode())
    if shipped:
        digest.update(b"\x1d")
        for text, code in sorted(shipped):
            digest.update(f"{code}\x1f{text}\x1e".encode())
        digest.update(repr(ModelConfig()).encode())
    return digest.hexdigest()


def request_retrain() -> None:
    """Queue a retraining, unless one is already waiting in the queue: that one has not read
    the labels yet, so it will learn this change too (one task for a thousand confirmed blocks,
    not a thousand no-ops). A retraining already running may have read them: then another is
    queued. Two requests at once may still queue two; the second one then trains nothing
    (`retrain` compares the labels' fingerprint). Call it after the labels are committed."""
    from akademia.consultations.tasks import retrain_classifier

    if _queued(retrain_classifier):
        return
    retrain_classifier.enqueue()


def _queued(task) -> bool:
    """Whether `task` waits in the database queue (other backends keep no queue to look in)."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


def retrain() -> ClassifierSnapshot | None:
    """Train on the shipped set and the confirmed comments; skip when the labelled set is the
    one the newest snapshot learnt from (a corrected block, a new or removed comment all
    change it)."""
    confirmed = confirmed_examples()
    shipped = training_examples()
    labels = fingerprint(confirmed, shipped)
    latest = ClassifierSnapshot.objects.only("fingerprint").first()
    if latest and latest.fingerprint == labels:
        return None
    model = retrain_with_confirmed(confirmed, shipped=shipped)
    with transaction.atomic():
        snapshot = ClassifierSnapshot.objects.create(
            examples=len(confirmed), fingerprint=labels, model=model.to_bytes()
        )
        # Keep the newest few: a snapshot is a few hundred kilobytes.
        old = ClassifierSnapshot.objects.values_list("pk", flat=True)[3:]
        ClassifierSnapshot.objects.filter(pk__in=list(old)).delete()
    return snapshot
