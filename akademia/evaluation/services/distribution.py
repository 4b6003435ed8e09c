"""Surveys open by themselves (the daily task `tasks.surveys_daily`, core/periodic.py):

* after a module's last day, its satisfaction survey, for the participants present that day;
* after the last module, the final evaluation and the knowledge test "after" (the people
  present on the last day), the trainer survey (the group's trainers) and the coordinator
  survey (the verified coordinators of its JST);
* on the first day of the first module, the knowledge test "before" (everyone taking part).

Each survey is open EVALUATION_OPEN_DAYS days; each person invited gets one e-mail
(`evaluation.invited:<survey>:<user>`) and, EVALUATION_REMINDER_DAYS before it closes if they
have not answered, one reminder (`evaluation.reminder:<survey>:<user>`). Run twice, nothing
happens twice: invitations are unique per survey and person, the outbox keys are queued once.
A person who becomes due later (a day's attendance marked late) is invited on the next run.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from akademia.accounts.selectors import coordinators_of_jsts
from akademia.accounts.types import Actor
from akademia.core import audit, outbox
from akademia.core.services import service
from akademia.delivery.models import ATTENDED, AttendanceMark, Participant
from akademia.delivery.selectors import group_version
from akademia.evaluation import notifications, selectors
from akademia.evaluation.models import Invitation, Kind, Questionnaire, Survey
from akademia.planning.models import TrainingGroup

AFTER_THE_LAST = (Kind.FINAL, Kind.TEST_POST, Kind.TRAINER, Kind.COORDINATOR)


def _present_on(meeting) -> dict[int, object]:
    """The accounts of the participants who attended the meeting's last day."""
    marks = AttendanceMark.objects.filter(
        day__meeting=meeting, day__date=meeting.end_date, status__in=ATTENDED
    ).select_related("participant__user")
    return {m.participant.user_id: m.participant.user for m in marks}


def _taking_part(group, day: dt.date) -> dict[int, object]:
    people = Participant.objects.filter(group=group, since__lte=day).filter(
        Q(until__isnull=True) | Q(until__gt=day)
    )
    return {p.user_id: p.user for p in people.select_related("user")}


def _trainers(group, meetings) -> dict[int, object]:
    people = {}
    for trainer in [group.trainer, *(m.trainer for m in meetings)]:
        if trainer is not None and trainer.user_id is not None:
            people.setdefault(trainer.user_id, trainer.user)
    return people


def _due(group, questionnaires: dict, today: dt.date):
    """(questionnaire, module, opens, closes, role, people) of each survey due for the group."""
    meetings = list(group.meetings.select_related("trainer__user").order_by("module"))
    if not meetings:
        return
    days = settings.EVALUATION_OPEN_DAYS
    first, last = meetings[0], meetings[-1]
    pre = questionnaires.get(Kind.TEST_PRE)
    if pre is not None and first.start_date <= today:
        people = _taking_part(group, first.start_date)
        yield pre, first.module, first.start_date, first.end_date, "participant", people
    for meeting in meetings:
        if meeting.end_date >= today:
            continue
        opens = meeting.end_date + dt.timedelta(days=1)
        closes = opens + dt.timedelta(days=days - 1)
        kinds = [Kind.SATISFACTION] + (list(AFTER_THE_LAST) if meeting is last else [])
        for kind in kinds:
            questionnaire = questionnaires.get(kind)
            if questionnaire is None:
                continue
            if kind == Kind.TRAINER:
                role, people = "trainer", _trainers(group, meetings)
            elif kind == Kind.COORDINATOR:
                coordinators = coordinators_of_jsts(group.teams.all())
                role, people = "coordinator", {u.pk: u for u in coordinators}
            else:
                role, people = "participant", _present_on(meeting)
            yield questionnaire, meeting.module, opens, closes, role, people


@service
def surveys_open(*, actor: Actor, today: dt.date | None = None) -> int:
    """Open the surveys due today and invite their people (see the module's docstring); the
    platform acts (actor SYSTEM). Returns how many people were invited now."""
    today = today or timezone.localdate()
    groups = list(
        TrainingGroup.objects.filter(active=True)
        .select_related("project", "plan", "trainer__user")
        .order_by("pk")
    )
    versions = {group.pk: group_version(group) for group in groups}
    current = selectors.current_questionnaires({v.pk for v in versions.values() if v})
    with_questions = set(
        Questionnaire.objects.filter(
            pk__in=[q.pk for q in current.values()], questions__isnull=False
        ).values_list("pk", flat=True)
    )
    invited = 0
    for group in groups:
        version = versions[group.pk]
        if version is None:
            continue
        mine = {
            kind: q
            for (version_id, kind), q in current.items()
            if version_id == version.pk and q.pk in with_questions
        }
        for questionnaire, module, opens, closes, role, people in _due(group, mine, today):
            if closes < today:
                continue
            invited += _open(actor, questionnaire, group, module, opens, closes, role, people)
    return invited


def _open(actor, questionnaire, group, module, opens, closes, role, people) -> int:
    survey, _created = Survey.objects.get_or_create(
        questionnaire=questionnaire,
        group=group,
        module=module,
        defaults={"opens_on": opens, "closes_on": closes},
    )
    known = set(survey.invitations.values_list("user_id", flat=True))
    new = [user for pk, user in sorted(people.items()) if pk not in known and user.is_active]
    if not new:
        return 0
    Invitation.objects.bulk_create(
        [Invitation(survey=survey, user=user, role=role) for user in new], ignore_conflicts=True
    )
    emails = []
    for user in new:
        if not user.email:
            continue
        subject, body = notifications.render_invitation(
            survey=survey, user=user, language=notifications.language_of(user)
        )
        key = f"evaluation.invited:{survey.pk}:{user.pk}"
        emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
    outbox.queue_many(emails)
    audit.record(actor, "evaluation.surveys.opened", survey, {"invited": len(new)})
    return len(new)


@service
def reminders_queue(*, actor: Actor, today: dt.date | None = None) -> int:
    """One reminder to each invited person who has not answered, EVALUATION_REMINDER_DAYS
    before the survey closes (once: `reminded`, and the outbox key)."""
    before = settings.EVALUATION_REMINDER_DAYS
    if not before:
        return 0
    today = today or timezone.localdate()
    due = (
        Invitation.objects.filter(
            answered=False,
            reminded=False,
            survey__opens_on__lt=today,
            survey__closes_on__gte=today,
            survey__closes_on__lte=today + dt.timedelta(days=before),
        )
        .select_related("survey__questionnaire", "survey__group__project", "user")
        .order_by("survey_id", "pk")
    )
    rows = list(due.select_for_update(of=("self",)))
    emails, surveys = [], {}
    for invitation in rows:
        user = invitation.user
        surveys.setdefault(invitation.survey_id, invitation.survey)
        if not user.email or not user.is_active:
            continue
        subject, body = notifications.render_reminder(
            survey=invitation.survey, user=user, language=notifications.language_of(user)
        )
        key = f"evaluation.reminder:{invitation.survey_id}:{user.pk}"
        emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
    if not rows:
        return 0
    Invitation.objects.filter(pk__in=[r.pk for r in rows]).update(reminded=True)
    outbox.queue_many(emails)
    for survey in surveys.values():
        audit.record(actor, "evaluation.reminders.queued", survey)
    return len(emails)
