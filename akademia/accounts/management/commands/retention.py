"""`akademia retention`: list the personal data whose retention period has ended (by kind, with
counts); `akademia retention --anonymise` anonymises them (a job, audited as the platform: the
administrator at the shell has reviewed the list). The national operator does the same from
the "Retencja danych" page. See docs/retention.md."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from akademia.accounts import services
from akademia.core import retention
from akademia.core.jobs import job_run, job_start
from akademia.core.models import Job


class Command(BaseCommand):
    help = "Lists personal data past its retention period; --anonymise anonymises it."

    def add_arguments(self, parser):
        parser.add_argument("--anonymise", action="store_true")
        parser.add_argument("--today", type=date.fromisoformat, default=None)

    def handle(self, *args, anonymise: bool, today: date | None, **options):
        today = today or timezone.localdate()
        found = retention.review(today)
        self.stdout.write(f"Retention ended for records that started before {found.cutoff}:")
        for row in found.rows:
            self.stdout.write(f"  {row.label}: {row.count}")
        self.stdout.write(f"  accounts: {found.accounts}")
        self.stdout.write(f"Total: {found.total}")
        if not anonymise or not found.total:
            return
        job = job_start(
            kind=services.RETENTION_JOB,
            label="Anonymising personal data whose retention has ended (shell)",
            actor=None,
            params={"today": today.isoformat()},
        )
        job_run(str(job.pk))
        job = Job.objects.get(pk=job.pk)
        self.stdout.write(f"Job {job.pk}: {job.status}, {job.result or job.error}")
