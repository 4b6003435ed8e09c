"""The loop back into the programme: chosen open answers and low-rated items of a programme
version's surveys become comments of a consultation round of its programme (a new one, on
the programme's version in consultation, or an open one chosen), through consultations'
own `comments_add`: numbered, each with its suggested thematic block, then merged and
decided like any other. Each comment names its source (survey, module, group, project,
never the person) and keeps it in `FeedbackSource`; sending the same again adds nothing (its
key is unique)."""

from django.utils.translation import gettext as _

from akademia.accounts.permissions import can, require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.consultations import services as consultations
from akademia.consultations.models import (
    AuthorKind,
    Comment,
    ConsultationRound,
    RoundStatus,
    Source,
    TargetKind,
)
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.evaluation import selectors
from akademia.evaluation.models import FeedbackSource, Kind
from akademia.programmes.models import ProgrammeVersion, VersionStatus


def target_version(version: ProgrammeVersion) -> ProgrammeVersion | None:
    """The version of the programme a new round consults: the newest one in consultation."""
    return (
        ProgrammeVersion.objects.filter(
            programme=version.programme_id, status=VersionStatus.IN_CONSULTATION
        )
        .order_by("-number")
        .first()
    )


def feedback_send_blocker(actor, version, consultation: ConsultationRound | None) -> str:
    """ "" when the chosen answers can be sent; else why not (the page and the service)."""
    if not can(actor, Capability.SEND_FEEDBACK, version):
        return _("Only the national operator and the programme's experts send answers on.")
    if consultation is not None:
        if consultation.version.programme_id != version.programme_id:
            return _("Choose a round of this programme.")
        if not ConsultationRound.objects.filter(
            pk=consultation.pk, status=RoundStatus.OPEN
        ).exists():
            return _("This round no longer collects comments.")
        return ""
    if not can(actor, Capability.OPEN_CONSULTATIONS):
        return _("Only the national operator opens a new round: choose an open round instead.")
    if target_version(version) is None:
        return _(
            "No version of this programme is in consultation: make its next version and send "
            "it to consultation first, then send the answers into its round."
        )
    return ""


def chosen(candidates, answer_ids, item_keys) -> list:
    """The candidates chosen (by answer id or item key) and not sent yet, in the page's order."""
    answers = {str(a) for a in answer_ids}
    keys = set(item_keys)
    texts = [t for t in candidates.texts if str(t.answer_id) in answers and t.sent is None]
    items = [i for i in candidates.items if i.key in keys and i.sent is None]
    return texts + items


def _module_of(consultation: ConsultationRound, version, number: int):
    """The consulted version's module that continues module `number` of the evaluated one
    (modules keep their key across versions), or None."""
    module = version.modules.filter(order=number).first()
    if module is None:
        return None
    return consultation.version.modules.filter(key=module.key).first()


@service
def feedback_send(
    *,
    actor: Actor,
    version: ProgrammeVersion,
    answer_ids: list,
    item_keys: list[str],
    consultation: ConsultationRound | None = None,
    title: str = "",
    below: float = selectors.LOW_AVERAGE,
) -> list[Comment]:
    """Send the chosen answers and items as comments; returns the comments made (none when
    all were sent before: a second click, a second tab)."""
    require(actor, Capability.SEND_FEEDBACK, version)
    # One sending of a version at a time: a second tab waits, then finds everything sent.
    ProgrammeVersion.objects.select_for_update().filter(pk=version.pk).first()
    blocker = feedback_send_blocker(actor, version, consultation)
    if blocker:
        raise DomainError(blocker)
    candidates = selectors.feedback_candidates(actor, version, below=below)
    picked = chosen(candidates, answer_ids, item_keys)
    if not picked:
        if answer_ids or item_keys:
            return []  # sent before: nothing twice
        raise DomainError(_("Choose at least one answer or item to send."))
    if consultation is None:
        consultation = consultations.round_create(
            actor=actor,
            version=target_version(version),
            title=title.strip()
            or _("Conclusions from the evaluation of %(version)s") % {"version": version},
        )
    modules: dict[int, object] = {}
    rows = []
    for entry in picked:
        where = entry.where
        if where.module not in modules:
            modules[where.module] = _module_of(consultation, version, where.module)
        module = modules[where.module]
        satisfaction = entry.question.questionnaire.kind == Kind.SATISFACTION
        rows.append(
            {
                "text": entry.text[: Comment.TEXT_MAX],
                "author_kind": AuthorKind.SURVEY,
                "author_name": where.label[:150],
                "target_kind": TargetKind.MODULE
                if satisfaction and module
                else TargetKind.PROGRAMME,
                "target_module": module if satisfaction else None,
            }
        )
    created = consultations.comments_add(
        actor=actor, consultation=consultation, rows=rows, source=Source.SURVEY
    )
    FeedbackSource.objects.bulk_create(
        [
            FeedbackSource(
                comment=comment,
                key=entry.key,
                kind=FeedbackSource.Kind.OPEN_ANSWER
                if hasattr(entry, "answer_id")
                else FeedbackSource.Kind.LOW_RATING,
                survey_id=entry.where.survey_id,
                question=entry.question,
                row=getattr(entry, "row", None),
            )
            for comment, entry in zip(created, picked, strict=True)
        ]
    )
    audit.record(
        actor,
        "evaluation.feedback.sent",
        version,
        {"round": consultation.pk, "comments": len(created)},
    )
    return created
