"""Evaluation ("ewaluacja"): what participants, trainers and JST coordinators say after the
training, and what participants know before and after it (docs/evaluation.md).

* **Questionnaire** (kwestionariusz): belongs to a programme version, one of the `Kind`s
  (a satisfaction survey after each module, the final evaluation, a knowledge test before and
  after, the trainer's and the coordinators' surveys); its **Question**s. A questionnaire that
  has been answered is never changed again: editing it makes its next version (`based_on`).
* **Survey** (ankieta grupy): one questionnaire given to one group after one module, open from
  `opens_on` to `closes_on`. **Invitation**: one person asked to answer it; `answered` is the
  only trace of who answered (double answers, reminders), never linked to the answers.
* **Response** / **Answer**: the answers. For an anonymous survey they carry no person, no time
  (not even the day) and random UUID keys, so nothing re-links them by order or time; a
  personal one (knowledge tests) names the person and the day, and keeps the score.
* **Draft**: a person's unfinished answers, deleted in the transaction that submits them.
* **AnswerCount**: once a survey has closed (its answers no longer change), how many of its
  answers gave each value, stored once (`services.surveys_count`) so that reports of many
  groups add up counts instead of counting every answer again.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.scope import ScopePaths

# Who teaches a group, from a row with a `survey`.
_TEACHES = ("survey__group__trainer__user", "survey__group__meetings__trainer__user")


class Kind(models.TextChoices):
    SATISFACTION = "satisfaction", _("satisfaction survey after a module")
    FINAL = "final", _("final evaluation")
    TEST_PRE = "test_pre", _("knowledge test before the training")
    TEST_POST = "test_post", _("knowledge test after the training")
    TRAINER = "trainer", _("trainer survey")
    COORDINATOR = "coordinator", _("JST coordinator survey")


TESTS = (Kind.TEST_PRE, Kind.TEST_POST)
# Who answers each kind.
PARTICIPANT_KINDS = (Kind.SATISFACTION, Kind.FINAL, Kind.TEST_PRE, Kind.TEST_POST)


class QuestionType(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    LIKERT = "likert", _("Likert scale")
    GRID = "grid", _("grid of Likert items")
    NUMBER = "number", _("number")
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")


CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.LIKERT)
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)
SCALE_TYPES = (QuestionType.LIKERT, QuestionType.GRID)


class Questionnaire(models.Model):
    """Kwestionariusz: the questions of one kind for a programme version; versioned."""

    scope = ScopePaths(author="version__programme__authors", national=True)

    version = models.ForeignKey(
        "programmes.ProgrammeVersion",
        on_delete=models.PROTECT,
        related_name="questionnaires",
        verbose_name=_("programme version"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    number = models.PositiveSmallIntegerField(_("questionnaire version"), default=1)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        verbose_name=_("based on"),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers keep no link to the person. Knowledge tests are always personal."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = ["version", "kind", "-number"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "number"],
                name="evaluation_questionnaire_number",
                violation_error_message=_("This questionnaire version already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="evaluation_questionnaire_kind",
                violation_error_message=_("Choose a kind of questionnaire from the list."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=TESTS) | models.Q(anonymous=False),
                name="evaluation_tests_are_personal",
                violation_error_message=_("A knowledge test is personal, never anonymous."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def is_test(self) -> bool:
        return self.kind in TESTS


class Question(models.Model):
    """Pytanie: its type, the options (values are their positions 1…n), the rows of a grid,
    the correct options and points of a test question, and a simple show-if condition."""

    scope = ScopePaths(author="questionnaire__version__programme__authors", national=True)

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    type = models.CharField(_("type of question"), max_length=20, choices=QuestionType.choices)
    text = models.TextField(_("question"))
    help = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(
        _("options"), default=list, blank=True, help_text=_("Choices or the scale's labels.")
    )
    rows = models.JSONField(_("grid rows"), default=list, blank=True)
    correct = models.JSONField(
        _("correct options"), default=list, blank=True, help_text=_("Knowledge tests only.")
    )
    points = models.PositiveSmallIntegerField(_("points"), default=0)
    show_if_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("show only if the answer to"),
    )
    show_if_value = models.CharField(_("equals"), max_length=20, blank=True)

    class Meta:
        ordering = ["questionnaire", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=QuestionType.values),
                name="evaluation_question_type",
                violation_error_message=_("Choose a type of question from the list."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    def option_pairs(self) -> list[tuple[str, str]]:
        return [(str(n), label) for n, label in enumerate(self.options, start=1)]

    def shown(self, data: dict) -> bool:
        """Whether the question is asked, given the answers so far (`data` by question pk)."""
        if not self.show_if_question_id:
            return True
        value = data.get(str(self.show_if_question_id))
        if isinstance(value, list):
            return self.show_if_value in value
        return value is not None and str(value) == self.show_if_value


class Survey(models.Model):
    """Ankieta grupy: a questionnaire given to a group after one module (a test before the
    first one), open for a number of days."""

    scope = ScopePaths(
        voivodeship="group__project__voivodeship",
        jst="group__teams",
        teacher=("group__trainer__user", "group__meetings__trainer__user"),
        person="invitations__user",
        author="questionnaire__version__programme__authors",
    )

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("questionnaire"),
    )
    group = models.ForeignKey(
        "planning.TrainingGroup",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("training group"),
    )
    module = models.PositiveSmallIntegerField(_("module"))
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    # Set once its answers' counts are stored (`AnswerCount`): reports read those, not answers.
    counted = models.BooleanField(_("answers counted"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = ["group", "module", "questionnaire__kind", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "group", "module"],
                name="evaluation_one_survey_per_module",
                violation_error_message=_("This group already has this survey for the module."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.title}: {self.group.code}, {self.module}"

    @property
    def anonymous(self) -> bool:
        return self.questionnaire.anonymous

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Invitation(models.Model):
    """Zaproszenie: one person asked to answer a survey. Whether they answered is all it says:
    it prevents a second answer and stops the reminder; nothing leads from it to the answer."""

    scope = ScopePaths(
        voivodeship="survey__group__project__voivodeship",
        jst="survey__group__teams",
        teacher=_TEACHES,
        own="user",
        person="user",
    )

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        TRAINER = "trainer", _("trainer")
        COORDINATOR = "coordinator", _("JST coordinator")

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="survey_invitations",
        verbose_name=_("person"),
    )
    role = models.CharField(_("as"), max_length=20, choices=Role.choices)
    answered = models.BooleanField(_("answered"), default=False)
    reminded = models.BooleanField(_("reminded"), default=False)

    class Meta:
        ordering = ["survey", "pk"]
        verbose_name = _("invitation to a survey")
        verbose_name_plural = _("invitations to surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                name="evaluation_one_invitation_per_person",
                violation_error_message=_("This person is already invited to this survey."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.user}"


class Draft(models.Model):
    """Wersja robocza: a person's answers so far (by question pk), until they submit them."""

    scope = ScopePaths(own="user", person="user")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="+", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    data = models.JSONField(_("answers so far"), default=dict)

    class Meta:
        verbose_name = _("survey draft")
        verbose_name_plural = _("survey drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                name="evaluation_one_draft",
                violation_error_message=_("This person already has a draft of this survey."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.survey)

    @property
    def row_label(self) -> str:
        rows = self.question.rows or []
        return rows[self.row - 1] if self.row and self.row <= len(rows) else ""


class Response(models.Model):
    """Odpowiedź na ankietę: one person's submitted answers. Anonymous: no user, no day, a
    random key (a DB constraint keeps the person and the day empty)."""

    scope = ScopePaths(
        voivodeship="survey__group__project__voivodeship",
        jst="survey__group__teams",
        teacher=_TEACHES,
        person="user",
    )

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("random key")
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    anonymous = models.BooleanField(_("anonymous"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    submitted_on = models.DateField(_("day sent"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(
        _("highest score"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(user__isnull=True, submitted_on__isnull=True),
                name="evaluation_anonymous_response_names_nobody",
                violation_error_message=_("An anonymous response names nobody and no day."),
            ),
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=models.Q(user__isnull=False),
                name="evaluation_one_personal_response",
                violation_error_message=_("You have already sent your answers to this survey."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("response"))


class Moderation(models.TextChoices):
    NOT_NEEDED = "", _("not needed")
    PENDING = "pending", _("waiting for a moderator")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Answer(models.Model):
    """One answer (a random key): the value (an option's position, a list of them, a grid's
    row → position, a number or a text), its points in a test, and for an open answer of an
    anonymous survey the moderator's verdict and the text as approved."""

    scope = ScopePaths(
        voivodeship="response__survey__group__project__voivodeship",
        jst="response__survey__group__teams",
        teacher=(
            "response__survey__group__trainer__user",
            "response__survey__group__meetings__trainer__user",
        ),
        person="response__user",
    )

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("random key")
    )
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    value = models.JSONField(_("answer"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, blank=True, default=""
    )
    published_text = models.TextField(_("text as approved"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return str(self.question)


class AnswerCount(models.Model):
    """Zliczenie odpowiedzi: how many answers of a closed survey gave `value` to a question
    (a grid: to its `row`; a multiple choice: each option chosen counts), with `value` ""
    counting the answers to the question (`results.TOTAL`). Only the non-text answers of a
    survey with enough responses to be shown (a survey below the threshold stores none); no
    key of an answer, no person, no time: figures such as the results pages show. Written once
    by `services.surveys_count` when the survey has closed, read by `selectors.aggregate`."""

    scope = ScopePaths(
        voivodeship="survey__group__project__voivodeship",
        jst="survey__group__teams",
        teacher=("survey__group__trainer__user", "survey__group__meetings__trainer__user"),
        author="survey__questionnaire__version__programme__authors",
    )

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="+", verbose_name=_("survey")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    row = models.PositiveSmallIntegerField(_("grid row"), default=0)  # 0: not a grid's row
    value = models.TextField(_("value"), blank=True)
    answers = models.PositiveIntegerField(_("answers"))

    class Meta:
        verbose_name = _("count of answers")
        verbose_name_plural = _("counts of answers")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "row", "value"],
                name="evaluation_one_count_per_value",
                violation_error_message=_("This value is already counted."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value} × {self.answers}"


class FeedbackSource(models.Model):
    """Źródło uwagi: a comment of a consultation round that came from the surveys (the loop
    back into the programme): the survey, its question (and grid row) and what it was, an open
    answer or a low-rated item, never the person. `key` makes sending idempotent: an open
    answer's is a digest of its key (`evaluation.feedback.answer_key`), so no table but the
    answers' own holds an answer's key; a low-rated item's names its survey, question and row."""

    scope = ScopePaths(author="survey__questionnaire__version__programme__authors", national=True)

    class Kind(models.TextChoices):
        OPEN_ANSWER = "open", _("open answer")
        LOW_RATING = "low", _("low-rated item")

    comment = models.OneToOneField(
        "consultations.Comment",
        on_delete=models.CASCADE,
        related_name="survey_source",
        verbose_name=_("comment"),
    )
    key = models.CharField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="+", verbose_name=_("survey")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    row = models.PositiveSmallIntegerField(_("grid row"), null=True, blank=True)

    class Meta:
        verbose_name = _("source of a comment in the surveys")
        verbose_name_plural = _("sources of comments in the surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["open", "low"]),
                name="evaluation_feedback_kind",
                violation_error_message=_("Unknown kind of source."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.survey)

    @property
    def row_label(self) -> str:
        rows = self.question.rows or []
        return rows[self.row - 1] if self.row and self.row <= len(rows) else ""
