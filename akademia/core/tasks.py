from django_tasks import task

from akademia.core.jobs import job_run


@task()
def run_job(job_id: str) -> None:
    """Takes an id, reloads, runs. At-least-once; idempotent because only a queued job is
    claimed (`jobs.job_run`): a second run of the same task finds the job taken and does
    nothing. (A handler run again after its worker died is the reaper's, see docs/tasks.md.)"""
    job_run(job_id)


@task()
def send_outbox() -> int:
    """Sends the e-mails of the outbox that are due (`core.outbox.send_due`). At-least-once and
    harmless twice: each message is claimed by one run and a sent one is never sent again;
    several may run at once, each taking other messages."""
    from akademia.core.outbox import send_due

    return send_due()
