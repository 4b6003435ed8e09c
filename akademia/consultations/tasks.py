from django_tasks import task

from akademia.consultations.classifier import retrain


@task()
def retrain_classifier() -> int:
    """Idempotent: when the confirmed labels are those of the newest snapshot it trains nothing."""
    snapshot = retrain()
    return snapshot.examples if snapshot else -1
