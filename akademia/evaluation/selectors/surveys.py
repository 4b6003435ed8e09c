"""A person's surveys: what they are asked to answer, their draft, their own test scores."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from akademia.accounts.permissions import visible, visible_or_404
from akademia.evaluation import results
from akademia.evaluation.models import TESTS, Draft, Invitation, Kind, Question, Response

_INVITATION = ("survey__questionnaire", "survey__group__project")


def my_invitations(user) -> QuerySet[Invitation]:
    """The surveys the person is asked to answer, the newest first."""
    rows = Invitation.objects.filter(user=user.pk).select_related(*_INVITATION)
    return visible(rows, user).order_by("-survey__opens_on", "survey__module", "pk")


def invitation_of(user, survey_pk: int) -> Invitation:
    """The person's invitation to the survey (404: not asked, or out of their scope)."""
    rows = Invitation.objects.filter(user=user.pk).select_related(
        *_INVITATION, "survey__questionnaire__version"
    )
    return visible_or_404(rows, user, survey_id=survey_pk)


def survey_get_for_answering(user, survey_pk: int):
    return invitation_of(user, survey_pk).survey


def survey_questions(survey) -> list[Question]:
    return list(survey.questionnaire.questions.order_by("order", "pk"))


def draft_of(user, survey) -> dict:
    """The person's answers saved so far ({} without a draft)."""
    draft = visible(Draft.objects.filter(survey=survey, user=user.pk), user).first()
    return draft.data if draft else {}


def home_surveys(user) -> dict:
    today = timezone.localdate()
    rows = visible(Invitation.objects.filter(user=user.pk), user)
    open_rows = rows.filter(survey__opens_on__lte=today, survey__closes_on__gte=today)
    return {"to_answer": open_rows.filter(answered=False).count()}


@dataclass
class TestScore:
    score: object
    max_score: object
    percent: float | None


@dataclass
class OwnScores:
    group: object
    pre: TestScore | None = None
    post: TestScore | None = None

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        if self.pre.percent is None or self.post.percent is None:
            return None
        return self.post.percent - self.pre.percent


def my_scores(user) -> list[OwnScores]:
    """The person's knowledge tests, per group: the score before and after, and the gain (in
    percentage points of the maximum). Personal: only their own responses."""
    rows = visible(
        Response.objects.filter(user=user.pk, survey__questionnaire__kind__in=TESTS), user
    ).select_related("survey__questionnaire", "survey__group__project")
    by_group: dict[int, OwnScores] = {}
    for row in rows.order_by("survey__group_id", "survey__opens_on"):
        entry = by_group.setdefault(row.survey.group_id, OwnScores(row.survey.group))
        score = TestScore(row.score, row.max_score, results.percent_of(row.score, row.max_score))
        if row.survey.questionnaire.kind == Kind.TEST_PRE:
            entry.pre = score
        else:
            entry.post = score
    return list(by_group.values())
