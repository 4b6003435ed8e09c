"""Reads of consultations, scoped by the one permission API (`accounts.permissions.visible`).

Which rows a user sees is declared on the models (`scope = ScopePaths(...)`): a round, its
meetings and comments are national, so operators see every round and every comment; an expert
sees the rounds on the programmes they wrote, with all their comments; a verified JST coordinator
or participant sees the rounds whose meetings their JST attended, and there the comments of
their JST and their own; one not verified yet only the rounds of the meetings they attended
themselves, and their own comments. Whether someone reads the whole round (its summary, its
files, its changes) is the capability `SEE_ALL_COMMENTS`, asked with `can`.
"""

from django.db.models import Count, Q, QuerySet

from akademia.accounts.permissions import get_or_404, visible, visible_or_404
from akademia.consultations.models import (
    Block,
    Comment,
    ConsultationRound,
    Decision,
    DecisionState,
    Meeting,
    MeetingParticipant,
    RoundStatus,
)
from akademia.core.collation import polish
from akademia.programmes.models import Module, ProgrammeVersion
from akademia.territory.models import Jst

# Rounds and comments ------------------------------------------------------------------------


def _rounds() -> QuerySet[ConsultationRound]:
    return ConsultationRound.objects.select_related("version", "version__programme")


def round_list_for(user, status: str = "") -> QuerySet[ConsultationRound]:
    """The rounds the user sees; with `status`, only those in it."""
    rounds = visible(_rounds(), user)
    return rounds.filter(status=status) if status in RoundStatus.values else rounds


def round_get_for(user, pk: int) -> ConsultationRound:
    return visible_or_404(_rounds(), user, pk=pk)


def comment_list_for(user, consultation: ConsultationRound) -> QuerySet[Comment]:
    """The comments of a round the user sees: all of them for operators and the authors."""
    comments = consultation.comments.select_related(
        "round", "meeting", "meeting__place", "author_jst", "block", "suggested_block"
    ).select_related("target_module", "decision", "decision__state", "decision__review")
    return visible(comments, user)


def comment_get_for(user, pk: int) -> Comment:
    return visible_or_404(Comment.objects.select_related("round"), user, pk=pk)


def meeting_get_for(user, pk: int) -> Meeting:
    return visible_or_404(Meeting.objects.select_related("round", "place"), user, pk=pk)


def meeting_participants(meeting: Meeting) -> list[MeetingParticipant]:
    """Who took part in a meeting (for the operator who already opened the meeting)."""
    return list(meeting.participants.select_related("jst", "user"))


def round_meetings(consultation: ConsultationRound) -> QuerySet[Meeting]:
    return consultation.meetings.select_related("place")


def version_modules(version: ProgrammeVersion) -> list[Module]:
    """The modules of the consulted version, in order: what a comment may refer to."""
    return list(version.modules.order_by("order"))


def decisions_by_path(consultation: ConsultationRound) -> dict[str, list]:
    """Decisions of a round grouped by the diff path of the change they point at."""
    result: dict[str, list] = {}
    decisions = Decision.objects.filter(comment__round=consultation).select_related(
        "comment", "state"
    )
    for decision in decisions:
        for path in decision.change_paths:
            result.setdefault(path, []).append(decision)
    return result


# The taxonomy (national: the same for everyone) ---------------------------------------------


def blocks_active() -> QuerySet[Block]:
    return Block.objects.filter(active=True)


def block_get_active(code: str) -> Block:
    return get_or_404(blocks_active(), code=code)


def blocks_all() -> QuerySet[Block]:
    return Block.objects.select_related("parent")


def decision_states() -> QuerySet[DecisionState]:
    return DecisionState.objects.all()


# The meeting link (the token is the whole permission) ---------------------------------------


def meeting_get_by_token(token: str) -> Meeting:
    """The meeting a participant's link opens; the token is the whole permission (else 404)."""
    return get_or_404(
        Meeting.objects.select_related("round", "round__version", "place"), entry_token=token
    )


def meeting_jst(meeting: Meeting) -> QuerySet[Jst]:
    """The JST taking part in a meeting: the only ones a comment through its link may name."""
    return Jst.objects.filter(pk__in=meeting.participants.values("jst_id")).order_by(
        polish("name"), "code"
    )


def comments_sent_from_link(meeting: Meeting, ids: list[int]) -> QuerySet[Comment]:
    """Comments of a meeting whose ids a browser session kept: what that person sent."""
    return (
        meeting.comments.filter(pk__in=ids)
        .select_related("author_jst", "target_module")
        .order_by("-number")
    )


# The home page ------------------------------------------------------------------------------


def home_rounds(user) -> dict:
    """Where consultations stand for the user: how many rounds they see in each status, and
    the rounds still open or under review with the comments they see in each (and of those,
    how many wait for a decision). Three queries, whatever the number of rounds or comments."""
    rounds = round_list_for(user)
    counts = rounds.order_by().values("status").annotate(n=Count("pk", distinct=True))
    by_status = {row["status"]: row["n"] for row in counts}
    active = list(rounds.filter(status__in=[RoundStatus.OPEN, RoundStatus.REVIEW]))
    comments = visible(Comment.objects.filter(round__in=[r.pk for r in active]), user)
    rows = (
        comments.order_by()
        .values("round_id")
        .annotate(
            total=Count("pk", distinct=True),
            undecided=Count("pk", filter=Q(decision__isnull=True), distinct=True),
        )
    )
    per_round = {row["round_id"]: row for row in rows}
    for consultation in active:
        row = per_round.get(consultation.pk, {})
        consultation.comment_count = row.get("total", 0)
        consultation.undecided_count = row.get("undecided", 0)
    return {
        "open": by_status.get(RoundStatus.OPEN, 0),
        "review": by_status.get(RoundStatus.REVIEW, 0),
        "closed": by_status.get(RoundStatus.CLOSED, 0),
        "rounds": active,
        "undecided": sum(r.undecided_count for r in active),
    }


# The public report of a closed round --------------------------------------------------------


def round_get_public(pk: int) -> ConsultationRound:
    """A closed round, for anyone: its report is published once the authors have answered."""
    return get_or_404(_rounds().filter(status=RoundStatus.CLOSED), pk=pk)


def rounds_published() -> QuerySet[ConsultationRound]:
    """The closed rounds, newest first: each has a public report."""
    return _rounds().filter(status=RoundStatus.CLOSED).order_by("-created_at", "-pk")


def comment_list_public(consultation: ConsultationRound) -> QuerySet[Comment]:
    """All comments of a published round; no author field is loaded, so none can leak."""
    return (
        consultation.comments.select_related(
            "meeting__place", "block", "target_module", "decision__state"
        )
        .select_related("decision__change_version")
        .defer("author_name", "author_user", "author_jst", "created_by")
        .order_by("number")
    )


def decision_choices(consultation: ConsultationRound) -> tuple[list, list]:
    """The decision kinds and review meetings every decision form of a round offers, read once
    for a page of many forms."""
    empty = [("", "---------")]
    states = empty + [(s.pk, str(s)) for s in DecisionState.objects.all()]
    reviews = empty + [(r.pk, str(r)) for r in consultation.reviews.all()]
    return states, reviews
