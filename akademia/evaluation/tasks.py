"""Background work of evaluation: once a day (core/periodic.py), open the surveys due and
send the reminders. Harmless twice: invitations are unique, the e-mails' keys queued once."""

from django_tasks import task


@task()
def surveys_daily() -> dict:
    from akademia.core.audit import SYSTEM
    from akademia.evaluation import services

    invited = services.surveys_open(actor=SYSTEM)
    reminded = services.reminders_queue(actor=SYSTEM)
    return {"invited": invited, "reminded": reminded}
