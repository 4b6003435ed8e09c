"""Reads of evaluation, scoped through `accounts.permissions.visible`, one module per feature:

* `questionnaires` - the questionnaires an author works on, and the newest of a kind;
* `surveys` - a person's invitations, the survey they fill and its draft, their test scores;
* `results` - the results of a group's surveys and tests (above the threshold only);
* `moderation` - the open answers of anonymous surveys waiting for a moderator;
* `aggregate` - the reports of a group, a project, a trainer, a programme version, and the
  comparisons;
* `answers` - a project's answers, a row per response, for the XLSX;
* `feedback` - what of a version's surveys may be sent into its consultation.
"""

from akademia.evaluation.selectors.aggregate import (
    group_report,
    project_get_for,
    project_report,
    trainer_get_for,
    trainer_report,
    version_get_for,
    version_report,
)
from akademia.evaluation.selectors.answers import project_answers
from akademia.evaluation.selectors.feedback import (
    LOW_AVERAGE,
    answer_key,
    feedback_candidates,
    feedback_source_get_for,
    open_rounds_of,
)
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
    report_links_for,
    results_group_ids,
    results_groups_for,
    survey_results_for,
    survey_results_get_for,
    trainer_links_for,
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
    "LOW_AVERAGE",
    "answer_key",
    "feedback_candidates",
    "feedback_source_get_for",
    "group_report",
    "open_rounds_of",
    "project_answers",
    "project_get_for",
    "project_report",
    "version_get_for",
    "version_report",
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
    "report_links_for",
    "results_group_ids",
    "results_groups_for",
    "survey_get_for_answering",
    "survey_questions",
    "survey_results_for",
    "survey_results_get_for",
    "trainer_get_for",
    "trainer_links_for",
    "trainer_report",
    "versions_for_authoring",
]
