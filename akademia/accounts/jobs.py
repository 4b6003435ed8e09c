"""Background jobs of accounts: anonymising personal data whose retention has ended."""

from datetime import date

from django.apps import apps

from akademia.accounts import services
from akademia.core.audit import SYSTEM
from akademia.core.jobs import handler


@handler(services.RETENTION_JOB)
def retention_anonymise(job, progress) -> dict:
    actor = job.created_by or SYSTEM
    counts = services.retention_anonymise(
        actor=actor, job=job, today=date.fromisoformat(job.params["today"])
    )
    rows = [
        [str(apps.get_model(label)._meta.verbose_name_plural), count]
        for label, count in counts.items()
    ]
    return {"counts": counts, "rows": rows, "total": sum(counts.values())}
