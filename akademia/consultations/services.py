"""Writes of consultations: rounds, meetings, comments, blocks, duplicates and decisions."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from akademia.accounts.roles import OPERATORS, Capability, Role, has_capability
from akademia.consultations import classifier
from akademia.consultations.models import (
    AuthorKind,
    Block,
    Comment,
    ConsultationRound,
    Decision,
    DecisionState,
    DuplicateGroup,
    Meeting,
    MeetingParticipant,
    Review,
    RoundStatus,
    Source,
)
from akademia.consultations.nlp import group_near_duplicates
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.programmes.models import VersionStatus


def _require_operator(actor) -> None:
    if actor.role not in OPERATORS:
        raise DomainError(_("Only operators can do this."))


@transaction.atomic
def round_create(*, actor, version, title: str) -> ConsultationRound:
    if actor.role != Role.NATIONAL_OPERATOR:
        raise DomainError(_("Only the national operator opens consultation rounds."))
    if version.status != VersionStatus.IN_CONSULTATION:
        raise DomainError(
            _("Send the version to consultation first (its status must be “in consultation”)."),
            field="version",
        )
    consultation = ConsultationRound.objects.create(version=version, title=title, created_by=actor)
    audit.record(actor, "consultations.round.created", consultation)
    return consultation


@transaction.atomic
def round_set_status(*, actor, consultation: ConsultationRound, status: str) -> None:
    """Collecting, under review or closed (which publishes the round's report): a round is the
    whole country's, so only the national operator moves it."""
    if not has_capability(actor, Capability.SET_ROUND_STATUS):
        raise DomainError(_("Only the national operator changes the status of a round."))
    consultation.status = status
    consultation.save(update_fields=["status"])
    audit.record(actor, "consultations.round.status_changed", consultation, {"to": status})


@transaction.atomic
def meeting_add(*, actor, consultation: ConsultationRound, **fields) -> Meeting:
    _require_operator(actor)
    if fields["start_date"] > fields["end_date"]:
        raise DomainError(_("The meeting ends before it starts."), field="end_date")
    meeting = Meeting.objects.create(round=consultation, **fields)
    audit.record(actor, "consultations.meeting.added", meeting)
    return meeting


@transaction.atomic
def participant_add(
    *, actor, meeting: Meeting, jst, name: str = "", user=None
) -> MeetingParticipant:
    _require_operator(actor)
    return MeetingParticipant.objects.create(meeting=meeting, jst=jst, name=name, user=user)


def _next_number(consultation: ConsultationRound) -> int:
    # The round row is locked by the caller, so two comments never get the same number.
    return (consultation.comments.aggregate(top=Max("number"))["top"] or 0) + 1


def _suggest(comments: list[Comment]) -> None:
    blocks = {b.code: b for b in Block.objects.all()}
    for comment, prediction in zip(
        comments, classifier.suggest([c.text for c in comments]), strict=True
    ):
        comment.suggested_block = blocks.get(prediction.block)
        comment.suggestion_confidence = prediction.confidence
        if not comment.block_confirmed:
            comment.block = comment.suggested_block


@transaction.atomic
def comments_add(*, actor, consultation: ConsultationRound, rows: list[dict], source: str):
    """Add comments (one or many, all or nothing), numbered, each with a suggested block."""
    consultation = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != RoundStatus.OPEN:
        raise DomainError(_("This round no longer collects comments."))
    number = _next_number(consultation)
    comments = []
    for offset, row in enumerate(rows):
        text = (row.get("text") or "").strip()
        if not text:
            raise DomainError(_("A comment cannot be empty."), field="text")
        if source == Source.LINK:
            _check_link_author(row)
        comments.append(
            Comment(
                round=consultation,
                number=number + offset,
                source=source,
                created_by=audit.person(actor),
                **{**row, "text": text},
            )
        )
    _suggest(comments)
    Comment.objects.bulk_create(comments)
    created = list(consultation.comments.filter(number__gte=number).order_by("number"))
    for comment in created:
        audit.record(actor, "consultations.comment.added", comment, {"source": source})
    return created


def _check_link_author(row: dict) -> None:
    """Anyone holding a meeting's link may comment, but only as one of the JST taking part."""
    meeting, jst = row.get("meeting"), row.get("author_jst")
    if meeting is None or jst is None or not meeting.participants.filter(jst=jst).exists():
        raise DomainError(
            _("Choose a JST from the list of this meeting's participants."), field="author_jst"
        )


def comment_add(*, actor, consultation, source: str = Source.FORM, **fields) -> Comment:
    return comments_add(actor=actor, consultation=consultation, rows=[fields], source=source)[0]


def can_edit_comment(user, comment: Comment) -> bool:
    """Participants edit their own comments while the round collects; operators always."""
    if user.role in OPERATORS:
        return True
    return comment.author_user_id == user.pk and comment.round.status == RoundStatus.OPEN


@transaction.atomic
def comment_update(*, actor, comment: Comment, **fields) -> Comment:
    if not can_edit_comment(actor, comment):
        raise DomainError(_("You can change only your own comments, while the round is open."))
    text_changed = fields.get("text", comment.text) != comment.text
    for name, value in fields.items():
        setattr(comment, name, value)
    if text_changed:
        _suggest([comment])
    comment.save()
    audit.record(actor, "consultations.comment.edited", comment)
    return comment


@transaction.atomic
def block_set(*, actor, comment: Comment, block: Block) -> Comment:
    """The operator confirms the suggestion or corrects it; the classifier learns from it."""
    from akademia.consultations.tasks import retrain_classifier

    _require_operator(actor)
    comment.block = block
    comment.block_confirmed = True
    comment.save(update_fields=["block", "block_confirmed"])
    audit.record(actor, "consultations.comment.block_set", comment, {"block": block.code})
    transaction.on_commit(retrain_classifier.enqueue)
    return comment


@transaction.atomic
def duplicates_regroup(*, actor, consultation: ConsultationRound, threshold: float = 0.22) -> int:
    """Group near-duplicates of the round's undecided comments; returns the number of groups."""
    _require_operator(actor)
    comments = list(consultation.comments.filter(decision__isnull=True).order_by("number"))
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(group=None)
    consultation.groups.filter(comments__isnull=True).delete()
    groups = 0
    for members in group_near_duplicates([c.text for c in comments], threshold=threshold):
        if len(members) < 2:
            continue
        group = DuplicateGroup.objects.create(round=consultation)
        Comment.objects.filter(pk__in=[comments[i].pk for i in members]).update(group=group)
        groups += 1
    consultation.groups.filter(comments__isnull=True).delete()
    audit.record(actor, "consultations.duplicates.grouped", consultation, {"groups": groups})
    return groups


@transaction.atomic
def group_merge(*, actor, comments: list[Comment]) -> DuplicateGroup:
    _require_operator(actor)
    if len(comments) < 2:
        raise DomainError(_("Choose at least two comments to group."))
    group = next((c.group for c in comments if c.group_id), None)
    group = group or DuplicateGroup.objects.create(round=comments[0].round)
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(group=group)
    return group


@transaction.atomic
def group_leave(*, actor, comment: Comment) -> None:
    """Split a comment out of its group (the rest stays grouped while two or more are left)."""
    _require_operator(actor)
    group = comment.group
    comment.group = None
    comment.save(update_fields=["group"])
    if group and group.comments.count() < 2:
        group.comments.update(group=None)
        group.delete()


@transaction.atomic
def decision_record(
    *,
    actor,
    comment: Comment,
    state: DecisionState,
    rationale: str = "",
    reflection: str = "",
    review: Review | None = None,
    change_version=None,
    change_paths: list[str] | None = None,
) -> list[Decision]:
    """Decide a comment, and with it every comment of its near-duplicate group."""
    _require_operator(actor)
    if state.changes_programme and not (rationale or reflection):
        raise DomainError(
            _("Say how the comment is reflected in the programme."), field="reflection"
        )
    if not state.changes_programme and not rationale:
        raise DomainError(_("Give the rationale of the decision."), field="rationale")
    comment = Comment.objects.get(pk=comment.pk)  # its group as saved, not as the caller saw it
    members = list(comment.group.comments.all()) if comment.group_id else [comment]
    decisions = []
    for member in members:
        decision, _created = Decision.objects.update_or_create(
            comment=member,
            defaults={
                "state": state,
                "rationale": rationale,
                "reflection": reflection,
                "review": review,
                "change_version": change_version,
                "change_paths": change_paths or [],
                "decided_by": actor,
            },
        )
        audit.record(actor, "consultations.decision.recorded", member, {"state": state.code})
        decisions.append(decision)
    return decisions


@transaction.atomic
def review_add(*, actor, consultation: ConsultationRound, **fields) -> Review:
    _require_operator(actor)
    review = Review.objects.create(round=consultation, **fields)
    audit.record(actor, "consultations.review.added", review)
    return review


def author_fields_for(user) -> dict:
    """How a signed-in participant or coordinator appears as a comment's author."""
    return {
        "author_kind": AuthorKind.PARTICIPANT,
        "author_user": user,
        "author_jst": user.jst,
        "author_name": user.full_name,
    }


@transaction.atomic
def decision_state_add(*, actor, **fields) -> DecisionState:
    """Operators may add kinds of decision; the code stays fixed once created."""
    if actor.role != Role.NATIONAL_OPERATOR:
        raise DomainError(_("Only the national operator changes the list of decisions."))
    if DecisionState.objects.filter(code=fields["code"]).exists():
        raise DomainError(_("A decision with this code already exists."), field="code")
    state = DecisionState.objects.create(**fields)
    audit.record(actor, "consultations.taxonomy.changed", state)
    return state


@transaction.atomic
def block_save(*, actor, block: Block | None, **fields) -> Block:
    """Add a block or rename/reorder/deactivate one; a block's code never changes."""
    if actor.role != Role.NATIONAL_OPERATOR:
        raise DomainError(_("Only the national operator changes the thematic blocks."))
    if block is None:
        if Block.objects.filter(code=fields["code"]).exists():
            raise DomainError(_("A block with this code already exists."), field="code")
        block = Block(code=fields["code"])
    fields.pop("code", None)
    for name, value in fields.items():
        setattr(block, name, value)
    block.save()
    audit.record(actor, "consultations.taxonomy.changed", block)
    return block
