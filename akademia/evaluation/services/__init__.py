"""Writes of evaluation, each a `@service` (one transaction, audited), one module per feature:

* `questionnaires` - questionnaires and their questions, a new version once one was given;
* `distribution` - surveys opening after modules, invitations, e-mails and reminders;
* `answering` - a person's draft and their one submission (anonymous or personal);
* `counting` - the counts of a closed survey's answers, stored once for the reports;
* `moderation` - open answers of anonymous surveys approved, edited or rejected;
* `feedback` - chosen answers and low-rated items sent as comments into a consultation round.
"""

from akademia.evaluation.services.answering import draft_save, survey_submit, survey_submit_blocker
from akademia.evaluation.services.counting import surveys_count
from akademia.evaluation.services.distribution import reminders_queue, surveys_open
from akademia.evaluation.services.feedback import (
    chosen,
    feedback_send,
    feedback_send_blocker,
    target_version,
)
from akademia.evaluation.services.moderation import answer_moderate
from akademia.evaluation.services.questionnaires import (
    question_add,
    question_delete,
    questionnaire_create,
    questionnaire_edit_blocker,
    questionnaire_new_version,
)

__all__ = [
    "answer_moderate",
    "draft_save",
    "chosen",
    "feedback_send",
    "feedback_send_blocker",
    "question_add",
    "question_delete",
    "questionnaire_create",
    "questionnaire_edit_blocker",
    "questionnaire_new_version",
    "reminders_queue",
    "survey_submit",
    "survey_submit_blocker",
    "target_version",
    "surveys_count",
    "surveys_open",
]
