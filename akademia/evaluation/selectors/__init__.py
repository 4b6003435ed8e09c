"""Reads of evaluation, scoped through `accounts.permissions.visible`, one module per feature:

* `questionnaires` - the questionnaires an author works on, and the newest of a kind;
* `surveys` - a person's invitations, the survey they fill and its draft, their test scores;
* `results` - the results of a group's surveys and tests (above the threshold only);
* `moderation` - the open answers of anonymous surveys waiting for a moderator.
"""

from akademia.evaluation.selectors.moderation import answer_get_for_moderation, moderation_queue_for
from akademia.evaluation.selectors.questionnaires import (
    current_questionnaires,
    question_get_for,
    questionnaire_get_for,
    questionnaire_is_answered,
    questionnaire_list_for,
    questionnaire_questions,
    versions_for_authoring,
)
from akademia.evaluation.selectors.results import (
    group_get_for,
    group_results_for,
    results_groups_for,
    survey_results_for,
    survey_results_get_for,
)
from akademia.evaluation.selectors.surveys import (
    draft_of,
    home_surveys,
    invitation_of,
    my_invitations,
    my_scores,
    survey_get_for_answering,
    survey_questions,
)

__all__ = [
    "answer_get_for_moderation",
    "current_questionnaires",
    "draft_of",
    "group_get_for",
    "group_results_for",
    "home_surveys",
    "invitation_of",
    "moderation_queue_for",
    "my_invitations",
    "my_scores",
    "question_get_for",
    "questionnaire_get_for",
    "questionnaire_is_answered",
    "questionnaire_list_for",
    "questionnaire_questions",
    "results_groups_for",
    "survey_get_for_answering",
    "survey_questions",
    "survey_results_for",
    "survey_results_get_for",
    "versions_for_authoring",
]
