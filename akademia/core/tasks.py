from django_tasks import task

from akademia.core.jobs import job_run


@task()
def run_job(job_id: str) -> None:
    """Takes an id, reloads, runs; idempotent (see jobs.job_run)."""
    job_run(job_id)
