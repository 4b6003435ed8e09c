"""Background work of evaluation: once a day (core/periodic.py), open the surveys due, send the
reminders and count the answers of the surveys that have closed. Harmless twice: invitations
are unique, the e-mails' keys queued once, a survey counted once."""

from django_tasks import task


@task()
def surveys_daily() -> dict:
    from akademia.core.audit import SYSTEM
    from akademia.evaluation import services

    invited = services.surveys_open(actor=SYSTEM)
    reminded = services.reminders_queue(actor=SYSTEM)
    counted = services.surveys_count(actor=SYSTEM)
    return {"invited": invited, "reminded": reminded, "counted": counted}
