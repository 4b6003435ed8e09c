"""Views of evaluation, one module per feature (docs/architecture.md); urls.py writes
`views.<name>`, so the public names are re-exported here."""

from akademia.evaluation.views.feedback import feedback_select, feedback_send, feedback_source
from akademia.evaluation.views.moderation import answer_moderate, moderation_list
from akademia.evaluation.views.questionnaires import (
    question_delete,
    questionnaire_create,
    questionnaire_detail,
    questionnaire_list,
    questionnaire_new_version,
)
from akademia.evaluation.views.reports import (
    group_pdf,
    group_xlsx,
    project_answers_xlsx,
    project_pdf,
    project_results,
    project_xlsx,
    trainer_results,
    version_results,
    version_xlsx,
)
from akademia.evaluation.views.results import group_results, results_list, survey_results
from akademia.evaluation.views.surveys import my_surveys, survey_fill

__all__ = [
    "feedback_select",
    "feedback_send",
    "feedback_source",
    "group_pdf",
    "group_xlsx",
    "project_answers_xlsx",
    "project_pdf",
    "project_results",
    "project_xlsx",
    "trainer_results",
    "version_results",
    "version_xlsx",
    "answer_moderate",
    "group_results",
    "moderation_list",
    "my_surveys",
    "question_delete",
    "questionnaire_create",
    "questionnaire_detail",
    "questionnaire_list",
    "questionnaire_new_version",
    "results_list",
    "survey_fill",
    "survey_results",
]
