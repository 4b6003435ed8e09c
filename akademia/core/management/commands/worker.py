"""`akademia worker`: runs background tasks from the database queue.

A thin name for django-tasks-db's `db_worker`; several workers, on one machine or many, may share
one PostgreSQL queue (each task is claimed with SELECT ... FOR UPDATE SKIP LOCKED).
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run background tasks from the database queue (several workers may share it)."
