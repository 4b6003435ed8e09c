"""Delivery ("realizacja szkoleń"): who takes part in each training group, and who was there.

Projects settle with the funder on attendance lists, so these rows are never deleted (PROTECT
everywhere) and a mark is never overwritten without a trace: `AttendanceMark` is the current
state of one participant on one day, `AttendanceChange` the append-only history of its versions.

* **Participant**: a person in a training group from `since` (the first day) until `until` (the
  first day they no longer take part; empty while they do). Their place is an `Enrolment`: a
  substitute takes over the enrolment of the person they replace, so one enrolment has one
  active participant per group and a history of the people who held it.
* **TrainingDay**: one day of a meeting (a meeting of 2 days has 2), with its hours (the
  settings' default day when the sync makes it, changed by the trainer; the QR self check-in
  reads them) and whether its list is closed; **TrainingDayEvent** its history (closed,
  reopened with a reason, hours changed).
* **AttendanceMark** / **AttendanceChange**: see above; each change may carry the id the browser
  gave it (`client_id`), unique, so a mark sent twice (offline queue, double click) counts once.
* **TaskAssignment** / **TaskSubmission** / **TaskFile** / **TaskReview**: a module's task
  between meetings given to a JST team, the team's answers (one per round, with files kept
  under MEDIA_ROOT/private) and the trainer's review of each round (docs/delivery.md).
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from akademia.core.scope import ScopePaths

# The users who teach a group, from a row that has a `group` (trainer or meeting's trainer).
_TEACHES_GROUP = ("group__trainer__user", "group__meetings__trainer__user")


def _through(prefix: str, paths: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(prefix + path for path in paths)


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", _("takes part")
    SUBSTITUTED = "substituted", _("replaced by a substitute")
    WITHDRAWN = "withdrawn", _("withdrew")
    # A newer plan was published: the person takes part in a group of that plan instead.
    REGROUPED = "regrouped", _("moved to a group of a newer plan")


class Participant(models.Model):
    """Uczestnik: a person in a training group, for a period, holding an enrolment's place."""

    scope = ScopePaths(
        voivodeship="group__project__voivodeship",
        jst="jst",
        own="user",
        person="user",
        teacher=_TEACHES_GROUP,
    )

    group = models.ForeignKey(
        "planning.TrainingGroup",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("training group"),
    )
    enrolment = models.ForeignKey(
        "recruitment.Enrolment",
        on_delete=models.PROTECT,
        related_name="participants",
        help_text=_("The place in the project; a substitute takes over the place they fill."),
        verbose_name=_("place in the project"),
    )
    jst = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("JST")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("account"),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    since = models.DateField(_("takes part from"))
    until = models.DateField(
        _("takes part until (the first day without)"),
        null=True,
        blank=True,
        help_text=_("The first day the person no longer takes part; empty while they do."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.ACTIVE,
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    end_reason = models.TextField(_("reason"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ended by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = ["group", "jst__name", "full_name", "since", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "enrolment"],
                condition=models.Q(status="active"),
                name="delivery_one_active_participant_per_place",
                violation_error_message=_(
                    "This place in the project already has an active participant."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ParticipantStatus.values),
                name="delivery_participant_status",
                violation_error_message=_("Choose a participant status from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="delivery_participant_period",
                violation_error_message=_(
                    "A participant's last day cannot come before their first."
                ),
            ),
            # Whoever no longer takes part has the day they stopped.
            models.CheckConstraint(
                condition=models.Q(status="active") | models.Q(until__isnull=False),
                name="delivery_participant_ended_has_until",
                violation_error_message=_(
                    "A substituted or withdrawn participant needs the date it happened."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def takes_part_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    @property
    def last_day(self) -> dt.date | None:
        """The last day they took part (`until` is the first day without)."""
        return self.until - dt.timedelta(days=1) if self.until else None


class TrainingDay(models.Model):
    """Dzień zjazdu: one day of a meeting; its attendance list is closed by the trainer."""

    # A trainer sees the days they teach: of their meetings, or of the group they lead.
    scope = ScopePaths(
        voivodeship="meeting__group__project__voivodeship",
        jst="meeting__group__teams",
        teacher=("meeting__trainer__user", "meeting__group__trainer__user"),
    )

    meeting = models.ForeignKey(
        "planning.Meeting", on_delete=models.PROTECT, related_name="days", verbose_name=_("meeting")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("list closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("list closed by"),
    )

    class Meta:
        ordering = ["date", "meeting__group__code", "pk"]
        verbose_name = _("training day")
        verbose_name_plural = _("training days")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "date"],
                name="delivery_one_day_per_date",
                violation_error_message=_("This meeting already has this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.group.code}, {self.date.isoformat()}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def hours(self) -> tuple[dt.time, dt.time]:
        """The day's hours; a day without them (none since migration 0007 and the sync fill
        them) counts the default day of the settings."""
        return (
            self.starts_at or settings.DELIVERY_DAY_STARTS,
            self.ends_at or settings.DELIVERY_DAY_ENDS,
        )


class DayAction(models.TextChoices):
    CLOSED = "closed", pgettext_lazy("attendance list", "closed")
    REOPENED = "reopened", pgettext_lazy("attendance list", "reopened")
    HOURS = "hours", _("hours changed")


class TrainingDayEvent(models.Model):
    """The history of a day's list: closed, reopened by the regional operator (with the
    reason), its hours changed. Never updated or deleted."""

    scope = ScopePaths(
        voivodeship="day__meeting__group__project__voivodeship",
        jst="day__meeting__group__teams",
        teacher=("day__meeting__trainer__user", "day__meeting__group__trainer__user"),
    )

    day = models.ForeignKey(
        TrainingDay, on_delete=models.PROTECT, related_name="events", verbose_name=_("training day")
    )
    action = models.CharField(_("what happened"), max_length=20, choices=DayAction.choices)
    reason = models.TextField(_("reason"), blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(verbose_name=_("changed"))

    class Meta:
        ordering = ["day", "changed_at", "pk"]
        verbose_name = _("event of a training day")
        verbose_name_plural = _("events of training days")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=DayAction.values),
                name="delivery_day_event_action",
                violation_error_message=_("Choose what happened from the list."),
            ),
            # Reopening a closed list always says why.
            models.CheckConstraint(
                condition=~models.Q(action="reopened") | ~models.Q(reason=""),
                name="delivery_day_reopened_has_reason",
                violation_error_message=_("Reopening a closed list needs its reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An event of a training day is never modified.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An event of a training day is never deleted.")


class Attendance(models.TextChoices):
    PRESENT = "present", _("present")
    LATE = "late", _("late")
    LEFT_EARLY = "left_early", _("left early")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("excused absence")


# Marks that count as a day attended (the person was there, if not for all of it).
ATTENDED = (Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY)


class AttendanceMark(models.Model):
    """Obecność: one participant on one day, as it stands now (version `version`)."""

    scope = ScopePaths(
        voivodeship="day__meeting__group__project__voivodeship",
        jst="participant__jst",
        person="participant__user",
        teacher=_through("participant__", _TEACHES_GROUP),
    )

    day = models.ForeignKey(
        TrainingDay, on_delete=models.PROTECT, related_name="marks", verbose_name=_("training day")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="marks", verbose_name=_("participant")
    )
    status = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices)
    note = models.CharField(_("note or reason of the excuse"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked"))

    class Meta:
        ordering = ["day", "participant"]
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "participant"],
                name="delivery_one_mark_per_day",
                violation_error_message=_("This person is already marked on this day."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Attendance.values),
                name="delivery_mark_status",
                violation_error_message=_("Choose an attendance status from the list."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="excused") | ~models.Q(note=""),
                name="delivery_excused_has_reason",
                violation_error_message=_("An excused absence needs its reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED


class MarkSource(models.TextChoices):
    """How a version of a mark came: the trainer's (or operator's) list, or the participant's
    own QR self check-in."""

    LIST = "list", _("attendance list")
    SELF_CHECK_IN = "self_check_in", _("self check-in with the QR code")


class ChangeRecord(models.Model):
    """One version of something whose history the funder may audit (a mark, an advisory entry):
    append-only, so `save()` of an existing row and `delete()` raise. Abstract: each kind keeps
    its own table; a subclass names itself in `record_name` for the errors."""

    version = models.PositiveIntegerField(verbose_name=_("version"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(verbose_name=_("changed"))

    record_name = "A change"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{self.record_name} is never modified: add a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{self.record_name} is never deleted.")


class AttendanceChange(ChangeRecord):
    """One version of a mark: never updated or deleted (the history the funder may audit)."""

    scope = ScopePaths(
        voivodeship="mark__day__meeting__group__project__voivodeship",
        jst="mark__participant__jst",
        person="mark__participant__user",
        teacher=_through("mark__participant__", _TEACHES_GROUP),
    )

    mark = models.ForeignKey(
        AttendanceMark,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("attendance mark"),
    )
    status = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices)
    note = models.CharField(_("note or reason of the excuse"), max_length=500, blank=True)
    reason = models.TextField(_("reason for the change"), blank=True)
    client_id = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        help_text=_("The id the browser gave the mark: a mark sent again is applied once."),
        verbose_name=_("id given by the browser"),
    )
    source = models.CharField(
        _("recorded through"), max_length=20, choices=MarkSource.choices, default=MarkSource.LIST
    )

    record_name = "An attendance change"

    class Meta:
        ordering = ["mark", "version"]
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        constraints = [
            models.UniqueConstraint(
                fields=["mark", "version"],
                name="delivery_change_version",
                violation_error_message=_("This version of the mark is already recorded."),
            ),
            # Every version after the first says why the mark changed.
            models.CheckConstraint(
                condition=models.Q(version=1) | ~models.Q(reason=""),
                name="delivery_change_has_reason",
                violation_error_message=_("A change of a saved mark needs its reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mark} v{self.version}"


# Tasks between meetings (zadania międzyzjazdowe) ------------------------------------------------


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task status", "to do")
    SUBMITTED = "submitted", pgettext_lazy("task status", "sent, awaiting the trainer's review")
    RETURNED = "returned", pgettext_lazy("task status", "returned for corrections")
    ACCEPTED = "accepted", pgettext_lazy("task status", "accepted")


# The team still has to send something (the trainer has nothing to review yet).
TASK_TO_DO = (TaskStatus.OPEN, TaskStatus.RETURNED)


class TaskAssignment(models.Model):
    """Zadanie międzyzjazdowe: the task of one module, given to one JST team of a group, due
    before the group's next meeting. The module's title and task are copied from the programme
    version when it is given: a later version does not change what a team was asked to do."""

    scope = ScopePaths(voivodeship="group__project__voivodeship", jst="jst", teacher=_TEACHES_GROUP)

    group = models.ForeignKey(
        "planning.TrainingGroup",
        on_delete=models.PROTECT,
        related_name="task_assignments",
        verbose_name=_("training group"),
    )
    jst = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("JST")
    )
    module = models.PositiveSmallIntegerField(_("module"))
    title = models.CharField(_("module title"), max_length=250)
    instructions = models.TextField(_("task text"))
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    overdue_notified_at = models.DateTimeField(_("overdue notice sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("task given"))

    class Meta:
        ordering = ["group", "module", "jst__name", "pk"]
        verbose_name = _("task between meetings")
        verbose_name_plural = _("tasks between meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "jst", "module"],
                name="delivery_one_task_per_team_and_module",
                violation_error_message=_("This team already has the task of this module."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TaskStatus.values),
                name="delivery_task_status",
                violation_error_message=_("Choose a task status from the list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.code}, {self.module}: {self.jst.name}"

    def is_overdue(self, today: dt.date) -> bool:
        """The team has not sent it (or not sent it again) and the due day is past."""
        return self.status in TASK_TO_DO and self.due_on < today

    def is_team_member(self, user) -> bool:
        """Whether `user` takes part in the group for this team now (may send its answer)."""
        return Participant.objects.filter(
            group_id=self.group_id,
            jst_id=self.jst_id,
            user=user,
            status=ParticipantStatus.ACTIVE,
        ).exists()


class TaskSubmission(models.Model):
    """One round of a task: what the team sent (a text and files). Every round is kept."""

    scope = ScopePaths(
        voivodeship="assignment__group__project__voivodeship",
        jst="assignment__jst",
        teacher=_through("assignment__", _TEACHES_GROUP),
    )

    assignment = models.ForeignKey(
        TaskAssignment,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("task between meetings"),
    )
    round = models.PositiveSmallIntegerField(_("answer number"))
    text = models.TextField(_("answer text"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answer sent by"),
    )
    submitted_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["assignment", "round"]
        verbose_name = _("task answer")
        verbose_name_plural = _("task answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "round"],
                name="delivery_one_submission_per_round",
                violation_error_message=_("This round of the task is already sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} ({self.round})"

    @property
    def late(self) -> bool:
        """Sent after the task's due day (in Poland's time)."""
        return timezone.localdate(self.submitted_at) > self.assignment.due_on


def task_file_path(instance: "TaskFile", filename: str) -> str:
    """Under MEDIA_ROOT/private/, which nothing serves: a random name, no extension (the
    download view names the file; the name a person gave is kept in `name`)."""
    return f"private/tasks/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class TaskFile(models.Model):
    """A file of a submission: stored under a random name, given only by the download view to
    whoever may read the task."""

    scope = ScopePaths(
        voivodeship="submission__assignment__group__project__voivodeship",
        jst="submission__assignment__jst",
        teacher=_through("submission__assignment__", _TEACHES_GROUP),
    )

    submission = models.ForeignKey(
        TaskSubmission,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("task answer"),
    )
    file = models.FileField(_("stored file"), upload_to=task_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["submission", "pk"]
        verbose_name = _("task file")
        verbose_name_plural = _("task files")

    def __str__(self) -> str:
        return self.name


class ReviewDecision(models.TextChoices):
    ACCEPTED = "accepted", _("answer accepted")
    RETURNED = "returned", _("answer returned for corrections")


class TaskReview(models.Model):
    """The trainer's answer to one round: accepted, or returned with what to correct."""

    scope = ScopePaths(
        voivodeship="submission__assignment__group__project__voivodeship",
        jst="submission__assignment__jst",
        teacher=_through("submission__assignment__", _TEACHES_GROUP),
    )

    submission = models.OneToOneField(
        TaskSubmission,
        on_delete=models.PROTECT,
        related_name="review",
        verbose_name=_("task answer"),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=ReviewDecision.choices)
    feedback = models.TextField(_("trainer's feedback"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed on"))

    class Meta:
        ordering = ["submission"]
        verbose_name = _("task review")
        verbose_name_plural = _("task reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=ReviewDecision.values),
                name="delivery_review_decision",
                violation_error_message=_("Choose a decision from the list."),
            ),
            # A team told to correct its answer is told what.
            models.CheckConstraint(
                condition=models.Q(decision="accepted") | ~models.Q(feedback=""),
                name="delivery_returned_has_feedback",
                violation_error_message=_("Say what to correct when returning a task."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_decision_display()}"


# Completion and certificates (issue #13 part 6) ------------------------------------------------


class CompletionRules(models.Model):
    """Zasady ukończenia of one programme version: what a participant must meet for a
    certificate. Kept here, keyed by the version (programmes knows nothing of delivery); a
    version without a row has the defaults (`selectors.completion_rules_of`)."""

    scope = ScopePaths(national=True)

    version = models.OneToOneField(
        "programmes.ProgrammeVersion",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("programme version"),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance: at least this percentage of the training days"),
        default=80,
        help_text=_("0: attendance is not a condition."),
    )
    require_tasks = models.BooleanField(_("every task between meetings accepted"), default=True)
    require_advisory = models.BooleanField(_("the advisory hours used"), default=True)
    require_final_test = models.BooleanField(
        _("the final test taken (when the programme has an evaluation)"), default=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        verbose_name = _("completion rules")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_attendance_percent__lte=100),
                name="delivery_completion_attendance_percent",
                violation_error_message=_("The attendance percentage is at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.version)


class Certificate(models.Model):
    """Zaświadczenie ukończenia: issued once per participant and programme version, with a
    number nobody can guess (the public verification page finds it by that number).

    What the certificate says is copied onto the row when it is issued (name, programme, modules
    and hours, dates, project, funding line, issuer), so the PDF and the verification page say
    the same thing for ever, whatever changes later. A certificate is never deleted: a mistaken
    one is revoked, with a reason, and verifies as revoked."""

    scope = ScopePaths(
        voivodeship="participant__group__project__voivodeship",
        jst="participant__jst",
        person="participant__user",
        teacher=_through("participant__", _TEACHES_GROUP),
    )

    number = models.CharField(_("number"), max_length=32, unique=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    version = models.ForeignKey(
        "programmes.ProgrammeVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme version"),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    programme_title = models.CharField(_("programme"), max_length=250)
    version_number = models.PositiveSmallIntegerField(_("version"))
    modules = models.JSONField(_("modules and their hours"), default=list)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    project_name = models.CharField(_("project"), max_length=200)
    funding = models.TextField(_("funding statement"), blank=True)
    issuer = models.CharField(_("issued by"), max_length=200)
    completion = models.JSONField(_("rules met when issued"), default=list)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by (account)"),
    )
    job = models.ForeignKey(
        "core.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by the job"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("reason for the revocation"), blank=True)

    class Meta:
        ordering = ["participant__full_name", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # Issued exactly once: a job run again, or after a killed worker, finds it here.
            models.UniqueConstraint(
                fields=["participant", "version"],
                name="delivery_one_certificate_per_participant",
                violation_error_message=_(
                    "This participant already has a certificate of this programme version."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""),
                name="delivery_certificate_revoked_has_reason",
                violation_error_message=_("A revoked certificate needs the reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


# Calendars (issue #13 part 2) ----------------------------------------------------------------


class CalendarFeed(models.Model):
    """Adres kalendarza: a person's secret address of their iCalendar feed of meetings.

    The token is the only key of the feed (the address carries no user id); a new one
    (`calendar_feed_regenerate`) replaces it, and the old address answers 404 at once."""

    scope = ScopePaths(own="user", person="user")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("account"),
    )
    token = models.CharField(_("secret key of the address"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("address created"))

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(_("Calendar of %(user)s") % {"user": self.user})


class MeetingRevision(models.Model):
    """How many times a published meeting changed (`planning.services.meeting_change`): the
    SEQUENCE of its events in the calendars, so calendar programs replace the old version."""

    scope = ScopePaths(
        voivodeship="meeting__group__project__voivodeship",
        jst="meeting__group__teams",
        teacher=("meeting__trainer__user", "meeting__group__trainer__user"),
    )

    meeting = models.OneToOneField(
        "planning.Meeting",
        on_delete=models.CASCADE,
        related_name="revision",
        verbose_name=_("meeting"),
    )
    sequence = models.PositiveIntegerField(_("number of changes"), default=0)
    changed_at = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("change count of a meeting")
        verbose_name_plural = _("change counts of meetings")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.sequence}"


# Advisory support (doradztwo) -----------------------------------------------------------------
#
# Every JST of a project is due the advisory hours of the project's programme version
# (`ProgrammeVersion.advisory_hours`, at the office or remote: `advisory_mode`). An operator
# assigns it an advisor (a trainer of its voivodeship); the advisor plans and logs visits and
# remote sessions; the JST's verified coordinator confirms or disputes each; only confirmed
# hours count as used. Like attendance, nothing is deleted and every version of an entry is kept.

# A trainer sees the rows of the JST assigned to them (`teacher`); a participant sees none (the
# one person a row names is its advisor, a trainer: the `person` path never leads to them).
_ADVISED = ("assignment__advisor", "advisor")


class AdvisoryAssignment(models.Model):
    """Przydział doradcy: the advisor of one JST in one project (one at a time)."""

    scope = ScopePaths(
        voivodeship="project__voivodeship", jst="jst", teacher="advisor", person="advisor"
    )

    project = models.ForeignKey(
        "recruitment.Project",
        on_delete=models.PROTECT,
        related_name="advisory_assignments",
        verbose_name=_("project"),
    )
    jst = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("JST")
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="advisory_assignments",
        verbose_name=_("advisor"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"))

    class Meta:
        ordering = ["project", "jst__name", "pk"]
        verbose_name = _("advisor's assignment")
        verbose_name_plural = _("advisors' assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "jst"],
                name="delivery_one_advisor_per_jst",
                violation_error_message=_("This JST of the project already has an advisor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jst.name}: {self.advisor}"


class SessionMode(models.TextChoices):
    """Where one entry took place (the programme may allow one of them or both)."""

    OFFICE = "office", _("at the JST office")
    REMOTE = "remote", _("remote")


class AdvisoryStatus(models.TextChoices):
    # The labels describe an entry ("wpis"): the context keeps them apart from other statuses.
    PLANNED = "planned", pgettext_lazy("advisory entry", "planned")
    REPORTED = "reported", _("awaiting the coordinator's confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("advisory entry", "confirmed")
    DISPUTED = "disputed", _("disputed by the coordinator")
    CANCELLED = "cancelled", pgettext_lazy("advisory entry", "cancelled")


# Entries whose hours wait for the coordinator (a disputed one, for the advisor's correction).
AWAITING = (AdvisoryStatus.REPORTED, AdvisoryStatus.DISPUTED)
# Entries that take the advisor's time on their day (the 12 hours a day).
TAKES_TIME = (
    AdvisoryStatus.PLANNED,
    AdvisoryStatus.REPORTED,
    AdvisoryStatus.CONFIRMED,
    AdvisoryStatus.DISPUTED,
)
# Entries their advisor may still change (a confirmed or cancelled one is final).
EDITABLE_ADVISORY = (AdvisoryStatus.PLANNED, AdvisoryStatus.REPORTED, AdvisoryStatus.DISPUTED)
MAX_HOURS_A_DAY = 12


class AdvisorySession(models.Model):
    """Wizyta lub sesja doradcza: one visit at the office or one remote session, as it stands
    now (version `version`; every version is an AdvisoryChange)."""

    scope = ScopePaths(
        voivodeship="assignment__project__voivodeship",
        jst="assignment__jst",
        teacher=_ADVISED,
        person="advisor",
    )

    assignment = models.ForeignKey(
        AdvisoryAssignment,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("advisor's assignment"),
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="advisory_sessions",
        verbose_name=_("advisor"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    mode = models.CharField(_("form of the advisory"), max_length=10, choices=SessionMode.choices)
    topic = models.CharField(_("topic"), max_length=200)
    done = models.TextField(_("what was done"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AdvisoryStatus.choices)
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(verbose_name=_("changed"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("advisory visit or session")
        verbose_name_plural = _("advisory visits and sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=MAX_HOURS_A_DAY),
                name="delivery_advisory_hours",
                violation_error_message=_(
                    "An advisory entry lasts more than 0 and at most 12 hours."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=SessionMode.values),
                name="delivery_advisory_mode",
                violation_error_message=_("Choose the form of the advisory from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AdvisoryStatus.values),
                name="delivery_advisory_status",
                violation_error_message=_("Choose a status of the advisory entry from the list."),
            ),
            # What was done is said by whoever reports a visit that took place.
            models.CheckConstraint(
                condition=models.Q(status__in=("planned", "cancelled")) | ~models.Q(done=""),
                name="delivery_advisory_held_says_what",
                violation_error_message=_("A visit that took place says what was done."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.jst.name}, {self.date.isoformat()}: {self.topic}"

    @property
    def awaits_confirmation(self) -> bool:
        return self.status == AdvisoryStatus.REPORTED


class AdvisoryAction(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("advisory action", "planned")
    RESCHEDULED = "rescheduled", pgettext_lazy("advisory action", "plan changed")
    REPORTED = "reported", pgettext_lazy("advisory action", "reported as held")
    CORRECTED = "corrected", pgettext_lazy("advisory action", "corrected")
    CONFIRMED = "confirmed", pgettext_lazy("advisory action", "confirmed")
    DISPUTED = "disputed", pgettext_lazy("advisory action", "disputed")
    CANCELLED = "cancelled", pgettext_lazy("advisory action", "cancelled")


class AdvisoryChange(ChangeRecord):
    """One version of an advisory entry: never updated or deleted (what the funder may audit)."""

    scope = ScopePaths(
        voivodeship="session__assignment__project__voivodeship",
        jst="session__assignment__jst",
        teacher=_through("session__", _ADVISED),
        person="session__advisor",
    )

    session = models.ForeignKey(
        AdvisorySession,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("advisory visit or session"),
    )
    action = models.CharField(_("what happened"), max_length=20, choices=AdvisoryAction.choices)
    status = models.CharField(_("status"), max_length=20, choices=AdvisoryStatus.choices)
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    mode = models.CharField(_("form of the advisory"), max_length=10, choices=SessionMode.choices)
    topic = models.CharField(_("topic"), max_length=200)
    done = models.TextField(_("what was done"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    comment = models.TextField(
        _("comment"),
        blank=True,
        help_text=_("The coordinator's reason for a dispute, the advisor's note to a correction."),
    )

    record_name = "A version of an advisory entry"

    class Meta:
        ordering = ["session", "version"]
        verbose_name = _("version of an advisory entry")
        verbose_name_plural = _("versions of advisory entries")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "version"],
                name="delivery_advisory_change_version",
                violation_error_message=_(
                    "This version of the advisory entry is already recorded."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(action="disputed") | ~models.Q(comment=""),
                name="delivery_advisory_dispute_has_reason",
                violation_error_message=_("A dispute says what is wrong."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} v{self.version}"
