"""Reads of consultations, scoped by role.

Operators see every round; an expert the rounds on their own programmes; a participant or a
JST coordinator the rounds of meetings they (or their JST) took part in, and in them only
their own comments (a coordinator: those of their JST).
"""

from django.db.models import Q, QuerySet

from akademia.accounts.roles import JST_SCOPED, OPERATORS, Role
from akademia.accounts.scoping import get_or_404, scope_of
from akademia.consultations.models import Comment, ConsultationRound, Meeting, RoundStatus


def round_list_for(user) -> QuerySet[ConsultationRound]:
    rounds = ConsultationRound.objects.select_related("version", "version__programme")
    if user.role in OPERATORS:
        return rounds
    if user.role == Role.EXPERT:
        return rounds.filter(version__programme__authors=user).distinct()
    if user.role in JST_SCOPED:
        took_part = Q(meetings__participants__user=user)
        if jst_id := scope_of(user).jst_id:
            took_part |= Q(meetings__participants__jst=jst_id)
        return rounds.filter(took_part).distinct()
    return rounds.none()


def round_get_for(user, pk: int) -> ConsultationRound:
    return get_or_404(round_list_for(user), pk=pk)


def sees_all_comments(user, consultation: ConsultationRound) -> bool:
    return user.role in OPERATORS or user.role == Role.EXPERT


def comment_list_for(user, consultation: ConsultationRound) -> QuerySet[Comment]:
    comments = consultation.comments.select_related(
        "meeting", "meeting__place", "author_jst", "block", "suggested_block", "target_module"
    ).select_related("decision", "decision__state")
    if sees_all_comments(user, consultation):
        return comments
    jst_id = scope_of(user).jst_id
    if user.role == Role.JST_COORDINATOR and jst_id:
        return comments.filter(Q(author_user=user) | Q(author_jst=jst_id))
    return comments.filter(author_user=user)


def comment_get_for(user, pk: int) -> Comment:
    comment = get_or_404(Comment.objects.select_related("round"), pk=pk)
    consultation = round_get_for(user, comment.round_id)
    return get_or_404(comment_list_for(user, consultation), pk=pk)


def meeting_get_for(user, pk: int) -> Meeting:
    meeting = get_or_404(Meeting.objects.select_related("round", "place"), pk=pk)
    round_get_for(user, meeting.round_id)
    return meeting


def decisions_by_path(consultation: ConsultationRound) -> dict[str, list]:
    """Decisions of a round grouped by the diff path of the change they point at."""
    from akademia.consultations.models import Decision

    result: dict[str, list] = {}
    decisions = Decision.objects.filter(comment__round=consultation).select_related(
        "comment", "state"
    )
    for decision in decisions:
        for path in decision.change_paths:
            result.setdefault(path, []).append(decision)
    return result


def meeting_get_by_token(token: str) -> Meeting:
    """The meeting a participant's link opens; the token is the whole permission (else 404)."""
    return get_or_404(
        Meeting.objects.select_related("round", "round__version", "place"), entry_token=token
    )


def meeting_jst(meeting: Meeting):
    """The JST taking part in a meeting: the only ones a comment through its link may name."""
    from akademia.territory.models import Jst

    return Jst.objects.filter(pk__in=meeting.participants.values("jst_id")).order_by("name", "code")


def comments_sent_from_link(meeting: Meeting, ids: list[int]) -> QuerySet[Comment]:
    """Comments of a meeting whose ids a browser session kept: what that person sent."""
    return (
        meeting.comments.filter(pk__in=ids)
        .select_related("author_jst", "target_module")
        .order_by("-number")
    )


def round_get_public(pk: int) -> ConsultationRound:
    """A closed round, for anyone: its report is published once the authors have answered."""
    rounds = ConsultationRound.objects.select_related("version", "version__programme")
    return get_or_404(rounds.filter(status=RoundStatus.CLOSED), pk=pk)


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
