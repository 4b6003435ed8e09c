"""Consultations of a programme version ("konsultacje programu").

A round consults one programme version in meetings of exchange groups ("Grupy Wymiany
Doświadczeń"); comments ("uwagi") made there are sorted into thematic blocks, near-duplicates are
grouped, and each comment gets a decision in a review, with the rationale and a link to the
change it caused in the next version (a diff path, see programmes/diff.py).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.collation import polish
from akademia.core.scope import ScopePaths
from akademia.programmes.models import Module, ProgrammeVersion
from akademia.territory.kinds import ExchangeGroupKind


class Block(models.Model):
    """A thematic block ("blok tematyczny"); `code` is stable, the name can be edited."""

    scope = ScopePaths(national=True)

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent block"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("thematic block")
        verbose_name_plural = _("thematic blocks")

    def __str__(self) -> str:
        return self.name


class RoundStatus(models.TextChoices):
    OPEN = "open", _("collecting comments")
    REVIEW = "review", _("under review")
    CLOSED = "closed", _("closed")


class ConsultationRound(models.Model):
    """Runda konsultacji of one programme version."""

    scope = ScopePaths(
        jst="meetings__participants__jst",
        own="meetings__participants__user",
        author="version__programme__authors",
        national=True,
    )

    version = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.PROTECT,
        related_name="consultation_rounds",
        verbose_name=_("programme version"),
    )
    title = models.CharField(_("title"), max_length=250)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RoundStatus.values),
                name="consultations_round_status",
                violation_error_message=_("Unknown status of a consultation round."),
            )
        ]

    def __str__(self) -> str:
        return self.title


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Meeting(models.Model):
    """A meeting of an exchange group where the programme is discussed."""

    scope = ScopePaths(
        jst="participants__jst",
        own="participants__user",
        author="round__version__programme__authors",
        national=True,
    )

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("consultation round"),
    )
    kind = models.CharField(_("exchange group"), max_length=10, choices=ExchangeGroupKind.choices)
    place = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    # The per-meeting link for participants without an account; a new token revokes the old.
    entry_token = models.CharField(
        max_length=40, default=new_token, unique=True, verbose_name=_("code of the entry link")
    )

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("consultation meeting")
        verbose_name_plural = _("consultation meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")),
                name="consultations_meeting_dates",
                violation_error_message=_("The meeting cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.place.name}"


class MeetingParticipant(models.Model):
    """A JST and its representative at a meeting (only what the report needs)."""

    scope = ScopePaths(
        jst="jst", own="user", author="meeting__round__version__programme__authors", national=True
    )

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting")
    )
    jst = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("JST")
    )
    name = models.CharField(_("representative"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        ordering = [polish("jst__name"), polish("name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.jst.name})" if self.name else self.jst.name


class DuplicateGroup(models.Model):
    """Near-duplicate comments (the same point in other words), decided together."""

    scope = ScopePaths(author="round__version__programme__authors", national=True)

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.CASCADE,
        related_name="groups",
        verbose_name=_("consultation round"),
    )

    class Meta:
        verbose_name = _("group of similar comments")
        verbose_name_plural = _("groups of similar comments")

    def __str__(self) -> str:
        return f"#{self.pk}"


class AuthorKind(models.TextChoices):
    PARTICIPANT = "participant", _("a participant")
    JST = "jst", _("a JST")
    GROUP = "group", _("the exchange group as a whole")
    SURVEY = "survey", _("an evaluation survey")


class TargetKind(models.TextChoices):
    PROGRAMME = "programme", _("the whole programme")
    MODULE = "module", _("a module")
    PARAMETER = "parameter", _("an organisation parameter")


class Source(models.TextChoices):
    FORM = "form", _("form")
    LINK = "link", _("meeting link")
    OPERATOR = "operator", _("typed by an operator")
    IMPORT = "import", _("file import")
    SURVEY = "survey", _("evaluation survey")


class Comment(models.Model):
    """Uwaga: what was said, by whom, about which part, and its block."""

    TEXT_MAX = 5000  # characters of a comment or a proposed change, however it comes in

    scope = ScopePaths(
        jst="author_jst",
        own="author_user",
        author="round__version__programme__authors",
        national=True,
    )

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation round"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("meeting"),
    )
    number = models.PositiveIntegerField(_("no."))
    text = models.TextField(_("comment"))
    proposed_change = models.TextField(_("proposed change"), blank=True)
    author_kind = models.CharField(_("made by"), max_length=12, choices=AuthorKind.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author's account"),
    )
    author_jst = models.ForeignKey(
        "territory.Jst",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author's JST"),
    )
    author_name = models.CharField(_("name"), max_length=150, blank=True)
    target_kind = models.CharField(
        _("refers to"), max_length=10, choices=TargetKind.choices, default=TargetKind.PROGRAMME
    )
    target_module = models.ForeignKey(
        Module,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("module concerned"),
    )
    target_parameter = models.CharField(_("parameter"), max_length=50, blank=True)
    block = models.ForeignKey(
        Block,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("thematic block"),
    )
    block_confirmed = models.BooleanField(_("block confirmed"), default=False)
    suggested_block = models.ForeignKey(
        Block,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("suggested thematic block"),
    )
    suggestion_confidence = models.FloatField(
        null=True, blank=True, verbose_name=_("confidence of the suggestion")
    )
    group = models.ForeignKey(
        DuplicateGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("group of similar comments"),
    )
    source = models.CharField(max_length=10, choices=Source.choices, verbose_name=_("source"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("entered"))

    class Meta:
        ordering = ["round", "number"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "number"],
                name="consultations_comment_number",
                violation_error_message=_("This round already has a comment with this number."),
            ),
        ]

    def __str__(self) -> str:
        return _("Comment %(number)d") % {"number": self.number}

    @property
    def author_display(self) -> str:
        if self.author_kind == AuthorKind.SURVEY:  # where it came from, never who wrote it
            return self.author_name or str(AuthorKind.SURVEY.label)
        if self.author_kind == AuthorKind.GROUP:
            return str(self.meeting) if self.meeting else str(AuthorKind.GROUP.label)
        parts = [self.author_name, self.author_jst.name if self.author_jst else ""]
        return ", ".join(p for p in parts if p) or str(self.get_author_kind_display())


class DecisionState(models.Model):
    """A kind of decision; the national operator may add more (`Capability.MANAGE_TAXONOMY`).
    `code` is stable, `name` translatable data (Polish with an English name beside it)."""

    scope = ScopePaths(national=True)

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    changes_programme = models.BooleanField(_("leads to a change of the programme"), default=False)
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("position in the list"))

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("decision state")
        verbose_name_plural = _("decision states")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if get_language() == "en" and self.name_en else self.name


class Review(models.Model):
    """A review meeting ("spotkanie robocze"), e.g. with the partner organisation or the authors."""

    scope = ScopePaths(author="round__version__programme__authors", national=True)

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("consultation round"),
    )
    title = models.CharField(_("title"), max_length=250)
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """The position of the authors on one comment, with its rationale and its trace."""

    scope = ScopePaths(author="comment__round__version__programme__authors", national=True)

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="decision", verbose_name=_("comment")
    )
    state = models.ForeignKey(
        DecisionState,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("authors' position"),
    )
    rationale = models.TextField(_("rationale"), blank=True)
    reflection = models.TextField(_("how it is reflected"), blank=True)
    review = models.ForeignKey(
        Review,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("review meeting"),
    )
    change_version = models.ForeignKey(
        ProgrammeVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("version with the change"),
    )
    # Paths of the changes in the diff to `change_version` (programmes/diff.py), one per line.
    change_paths = models.JSONField(
        default=list, blank=True, verbose_name=_("changed parts of the programme")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(auto_now=True, verbose_name=_("decided"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.comment}: {self.state}"


class ClassifierSnapshot(models.Model):
    """A trained block classifier (nlp.Model bytes); the newest one suggests blocks."""

    scope = ScopePaths(national=True)

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    examples = models.PositiveIntegerField(verbose_name=_("examples"))
    # sha256 of the labelled set it learnt from: a re-corrected block changes it, a count not.
    fingerprint = models.CharField(
        max_length=64, blank=True, default="", verbose_name=_("fingerprint of the examples")
    )
    model = models.BinaryField(verbose_name=_("trained model"))

    class Meta:
        verbose_name = _("trained classifier")
        verbose_name_plural = _("trained classifiers")
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"classifier {self.created_at:%Y-%m-%d %H:%M} ({self.examples})"
