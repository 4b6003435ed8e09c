from django_tasks import task

from akademia.consultations.classifier import retrain


@task()
def retrain_classifier() -> int:
    """Idempotent: with no newly confirmed comment it trains nothing."""
    snapshot = retrain()
    return snapshot.examples if snapshot else -1
