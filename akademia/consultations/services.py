"""Writes of consultations: rounds, meetings, comments, blocks, duplicates and decisions.

Each is a `@service` (one transaction, audited) that asks the one permission API: the national
operator opens rounds, moves their status and edits the taxonomy; operators run meetings,
comments, blocks, groups, reviews and decisions; a comment's author edits it while the round
collects comments (`Capability.EDIT_COMMENT`).
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.consultations import classifier, decision_import, selectors
from akademia.consultations.decision_import import ImportResult
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
from akademia.core.services import service
from akademia.programmes.models import VersionStatus
from akademia.territory.folding import fold


def _require_operator(actor: Actor, obj) -> None:
    """Operators run a round's meetings, comments, blocks, groups and reviews."""
    require(actor, Capability.RUN_CONSULTATIONS, obj, _("Only operators can do this."))


# Rounds -------------------------------------------------------------------------------------


@service
def round_create(*, actor: Actor, version, title: str) -> ConsultationRound:
    require(
        actor,
        Capability.OPEN_CONSULTATIONS,
        message=_("Only the national operator opens consultation rounds."),
    )
    if version.status != VersionStatus.IN_CONSULTATION:
        raise DomainError(
            _("Send the version to consultation first (its status must be “in consultation”)."),
            field="version",
        )
    consultation = ConsultationRound.objects.create(version=version, title=title, created_by=actor)
    audit.record(actor, "consultations.round.created", consultation)
    return consultation


def round_close_blocker(consultation: ConsultationRound) -> str:
    """Why the round cannot be closed, or "": its confirmation page and `round_set_status`."""
    if ConsultationRound.objects.filter(pk=consultation.pk, status=RoundStatus.CLOSED).exists():
        return _("This round is already closed: its report is public.")
    return ""


@service
def round_set_status(*, actor: Actor, consultation: ConsultationRound, status: str) -> None:
    """Collecting, under review or closed (which publishes the round's report): a round is the
    whole country's, so only the national operator moves it."""
    require(
        actor,
        Capability.SET_ROUND_STATUS,
        consultation,
        _("Only the national operator changes the status of a round."),
    )
    if status == RoundStatus.CLOSED:
        blocker = round_close_blocker(consultation)
        if blocker:
            raise DomainError(blocker)
    consultation.status = status
    consultation.save(update_fields=["status"])
    audit.record(actor, "consultations.round.status_changed", consultation, {"to": status})


# Meetings and their participants ------------------------------------------------------------


@service
def meeting_add(*, actor: Actor, consultation: ConsultationRound, **fields) -> Meeting:
    _require_operator(actor, consultation)
    if fields["start_date"] > fields["end_date"]:
        raise DomainError(_("The meeting ends before it starts."), field="end_date")
    meeting = Meeting.objects.create(round=consultation, **fields)
    audit.record(actor, "consultations.meeting.added", meeting)
    return meeting


@service
def participant_add(
    *, actor: Actor, meeting: Meeting, jst, name: str = "", user=None
) -> MeetingParticipant:
    _require_operator(actor, meeting)
    participant = MeetingParticipant.objects.create(meeting=meeting, jst=jst, name=name, user=user)
    audit.record(
        actor,
        "consultations.participant.added",
        participant,
        {"meeting": meeting.pk, "jst": jst.code, "user": getattr(user, "pk", None)},
    )
    return participant


# Comments -----------------------------------------------------------------------------------


def _require_not_closed(consultation: ConsultationRound) -> None:
    """A closed round is the record of what was decided: reopen it (audited) to change it."""
    # Read from the database: the caller's object may predate the closing.
    if ConsultationRound.objects.filter(pk=consultation.pk, status=RoundStatus.CLOSED).exists():
        raise DomainError(
            _("This round is closed: its comments, blocks and decisions no longer change.")
        )


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


@service
def comments_add(*, actor: Actor, consultation: ConsultationRound, rows: list[dict], source: str):
    """Add comments (one or many, all or nothing), numbered, each with a suggested block.

    Typed by an operator or imported from a file: operators only. Through a meeting's link:
    anyone holding it (the token is the permission), as one of the JST taking part in the
    meeting (`_check_link_author`). From a form: the author themselves (`author_fields_for`).
    From evaluation surveys (`Source.SURVEY`): the evaluation app's service, which asks its own
    capability (`SEND_FEEDBACK`) first and names the source, never a person.
    """
    if source in (Source.OPERATOR, Source.IMPORT):
        _require_operator(actor, consultation)
    consultation = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != RoundStatus.OPEN:
        raise DomainError(_("This round no longer collects comments."))
    number = _next_number(consultation)
    comments = []
    for offset, row in enumerate(rows):
        text = (row.get("text") or "").strip()
        if not text:
            raise DomainError(_("A comment cannot be empty."), field="text")
        _check_length(row)
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


def _check_length(row: dict) -> None:
    """A comment and its proposed change are a paragraph or a page, not a book: the same limit
    for every way in (a link, typing, a file, an edit)."""
    for field in ("text", "proposed_change"):
        length = len(row.get(field) or "")
        if length > Comment.TEXT_MAX:
            raise DomainError(
                _("At most %(max)d characters; this has %(count)d.")
                % {"max": Comment.TEXT_MAX, "count": length},
                field=field,
            )


def _check_link_author(row: dict) -> None:
    """Anyone holding a meeting's link may comment, but only as one of the JST taking part."""
    meeting, jst = row.get("meeting"), row.get("author_jst")
    if meeting is None or jst is None or not meeting.participants.filter(jst=jst).exists():
        raise DomainError(
            _("Choose a JST from the list of this meeting's participants."), field="author_jst"
        )


def comment_add(*, actor: Actor, consultation, source: str = Source.FORM, **fields) -> Comment:
    return comments_add(actor=actor, consultation=consultation, rows=[fields], source=source)[0]


@service
def comment_update(*, actor: Actor, comment: Comment, **fields) -> Comment:
    """Operators edit any comment; its author while the round collects comments."""
    require(
        actor,
        Capability.EDIT_COMMENT,
        comment,
        _("You can change only your own comments, while the round is open."),
    )
    _require_not_closed(comment.round)
    _check_length(fields)
    text_changed = fields.get("text", comment.text) != comment.text
    for name, value in fields.items():
        setattr(comment, name, value)
    if text_changed:
        _suggest([comment])
    comment.save()
    audit.record(actor, "consultations.comment.edited", comment)
    return comment


# Blocks, near-duplicates, reviews and decisions ----------------------------------------------


@service
def block_set(*, actor: Actor, comment: Comment, block: Block) -> Comment:
    """The operator confirms the suggestion or corrects it; the classifier learns from it
    (one retraining queued at a time, `classifier.request_retrain`)."""
    _require_operator(actor, comment)
    _require_not_closed(comment.round)
    comment.block = block
    comment.block_confirmed = True
    comment.save(update_fields=["block", "block_confirmed"])
    audit.record(actor, "consultations.comment.block_set", comment, {"block": block.code})
    transaction.on_commit(classifier.request_retrain)
    return comment


@service
def duplicates_regroup(
    *, actor: Actor, consultation: ConsultationRound, threshold: float = 0.22
) -> int:
    """Group near-duplicates of the round's undecided comments; returns the number of groups."""
    _require_operator(actor, consultation)
    _require_not_closed(consultation)
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


@service
def group_merge(*, actor: Actor, comments: list[Comment]) -> DuplicateGroup:
    """Put the chosen comments of one round into one group (the first one's, if it has one)."""
    if len(comments) < 2:
        raise DomainError(_("Choose at least two comments to group."))
    for comment in comments:
        _require_operator(actor, comment)
        _require_not_closed(comment.round)
    group = next((c.group for c in comments if c.group_id), None)
    group = group or DuplicateGroup.objects.create(round=comments[0].round)
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(group=group)
    audit.record(
        actor,
        "consultations.group.merged",
        group.round,
        {"group": group.pk, "comments": sorted(c.number for c in comments)},
    )
    return group


@service
def group_leave(*, actor: Actor, comment: Comment) -> None:
    """Split a comment out of its group (the rest stays grouped while two or more are left)."""
    _require_operator(actor, comment)
    _require_not_closed(comment.round)
    group = comment.group
    comment.group = None
    comment.save(update_fields=["group"])
    dissolved = bool(group and group.comments.count() < 2)
    if dissolved:
        group.comments.update(group=None)
        group.delete()
    audit.record(
        actor,
        "consultations.group.left",
        comment,
        {"group": getattr(group, "pk", None), "dissolved": dissolved},
    )


@service
def decision_record(
    *,
    actor: Actor,
    comment: Comment,
    state: DecisionState,
    rationale: str = "",
    reflection: str = "",
    review: Review | None = None,
    change_version=None,
    change_paths: list[str] | None = None,
) -> list[Decision]:
    """Decide a comment, and with it every comment of its near-duplicate group."""
    require(actor, Capability.DECIDE_COMMENTS, comment, _("Only operators can do this."))
    _require_not_closed(comment.round)
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


@service
def decisions_import(*, actor: Actor, consultation: ConsultationRound, upload) -> ImportResult:
    """Record the positions of a filled-in tabela uwag (read by decision_import.py): all of
    them, or none and the list of errors, each naming its row and column."""
    require(actor, Capability.DECIDE_COMMENTS, consultation, _("Only operators can do this."))
    _require_not_closed(consultation)
    rows, columns, errors = decision_import.read_workbook(upload)
    if errors:
        return ImportResult(errors=errors)
    importer = decision_import.Importer(
        record=decision_record,
        actor=actor,
        comments={c.number: c for c in selectors.comment_list_for(actor, consultation)},
        states=decision_import.state_lookup(),
        problems=decision_import.Problems(columns),
    )
    for row in rows:
        importer.row(row)
    if importer.problems.messages:
        transaction.set_rollback(True)
        return ImportResult(errors=importer.problems.messages)
    if importer.recorded:
        audit.record(
            actor, "consultations.decisions.imported", consultation, {"count": importer.recorded}
        )
    return ImportResult(recorded=importer.recorded)


@service
def review_add(*, actor: Actor, consultation: ConsultationRound, **fields) -> Review:
    _require_operator(actor, consultation)
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


# The taxonomy -------------------------------------------------------------------------------


def taxonomy_code(model, name: str) -> str:
    """A new block's or decision's stable code, made from its name ("Rozwój lokalny" →
    "rozwoj-lokalny", "-2" when taken): no one types or reads it, but it never changes."""
    base = fold(name).replace(" ", "-")[:36] or "item"
    code, n = base, 1
    while model.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@service
def decision_state_add(*, actor: Actor, **fields) -> DecisionState:
    """The national operator adds kinds of decision; the code stays fixed once created."""
    require(
        actor,
        Capability.MANAGE_TAXONOMY,
        message=_("Only the national operator changes the list of decisions."),
    )
    code = fields.pop("code", None) or taxonomy_code(DecisionState, fields["name"])
    if DecisionState.objects.filter(code=code).exists():
        raise DomainError(_("A decision with this code already exists."), field="code")
    state = DecisionState.objects.create(code=code, **fields)
    audit.record(actor, "consultations.taxonomy.changed", state)
    return state


@service
def block_save(*, actor: Actor, block: Block | None, **fields) -> Block:
    """The national operator adds a block or renames/reorders/deactivates one; a block's code
    never changes."""
    require(
        actor,
        Capability.MANAGE_TAXONOMY,
        message=_("Only the national operator changes the thematic blocks."),
    )
    if block is None:
        code = fields.get("code") or taxonomy_code(Block, fields["name"])
        if Block.objects.filter(code=code).exists():
            raise DomainError(_("A block with this code already exists."), field="code")
        block = Block(code=code)
    fields.pop("code", None)
    for name, value in fields.items():
        setattr(block, name, value)
    block.save()
    audit.record(actor, "consultations.taxonomy.changed", block)
    return block
