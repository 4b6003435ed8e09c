"""The "final test" completion rule of delivery, judged from the knowledge test after the
training (registered in `EvaluationConfig.ready` through `delivery.completion.register`).

* not a condition, or the programme version has no test "after": not checked (never blocks);
* the person sent the group's test "after": met, with the score;
* the test has not opened yet, or is open and unanswered: not met yet;
* it closed without their answer: can no longer be met.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from akademia.delivery import completion
from akademia.delivery.completion import RuleKind, RuleResult, RuleState
from akademia.evaluation.models import Kind, Questionnaire, Response, Survey


class FinalTestRule(completion.Rule):
    kind = RuleKind.FINAL_TEST

    def load(self, participants, rules):
        has_test = Questionnaire.objects.filter(
            version=rules.version, kind=Kind.TEST_POST, questions__isnull=False
        ).exists()
        groups = participants.values("group_id")
        tests = Survey.objects.filter(group__in=groups, questionnaire__kind=Kind.TEST_POST)
        surveys = {s.group_id: s for s in tests.order_by("pk")}
        # A subquery, not the surveys found: the same queries whether a test opened or not.
        responses = {
            (r.survey.group_id, r.user_id): r
            for r in Response.objects.filter(survey__in=tests, user__isnull=False).select_related(
                "survey"
            )
        }
        return has_test, surveys, responses

    def judge(self, participant, rules, loaded) -> RuleResult:
        if not rules.require_final_test:
            return RuleResult(self.kind, RuleState.NOT_APPLICABLE, _("Not a condition."))
        has_test, surveys, responses = loaded
        if not has_test:
            return RuleResult(
                self.kind, RuleState.NOT_APPLICABLE, _("The programme has no final test.")
            )
        response = responses.get((participant.group_id, participant.user_id))
        if response is not None:
            words = {
                "score": formats.number_format(response.score, decimal_pos=0),
                "max": formats.number_format(response.max_score, decimal_pos=0),
            }
            text = _("Final test taken: %(score)s of %(max)s points.") % words
            return RuleResult(self.kind, RuleState.MET, text, 100)
        survey = surveys.get(participant.group_id)
        if survey is None:
            return RuleResult(
                self.kind,
                RuleState.NOT_YET,
                _("The final test opens after the last module."),
                0,
            )
        if survey.closes_on < timezone.localdate():
            return RuleResult(
                self.kind, RuleState.FAILED, _("The final test closed without an answer."), 0
            )
        day = formats.date_format(survey.closes_on, "j E Y")
        text = _("The final test is open until %(day)s.") % {"day": day}
        return RuleResult(self.kind, RuleState.NOT_YET, text, 0)


def register_rule() -> None:
    completion.register(FinalTestRule())
