from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluation: questionnaires of a programme version, the surveys and knowledge tests of
    each group, their anonymous or personal answers and the results above a threshold."""

    name = "akademia.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from akademia.accounts.roles import Capability
        from akademia.consultations import origins
        from akademia.core import audit, home, periodic
        from akademia.evaluation import completion, selectors, tasks
        from akademia.evaluation.feedback import comment_origins

        completion.register_rule()
        home.panel(
            Capability.ANSWER_SURVEYS,
            "evaluation/home/surveys.html",
            selectors.home_surveys,
            order=27,
        )
        audit.register(
            {
                "evaluation.questionnaire.created": _("Questionnaire created"),
                "evaluation.questionnaire.changed": _("Questionnaire changed"),
                "evaluation.questionnaire.new_version": _("New version of a questionnaire"),
                "evaluation.surveys.opened": _("Surveys opened for a group"),
                "evaluation.reminders.queued": _("Survey reminders queued"),
                "evaluation.survey.counted": _("Answers of a closed survey counted"),
                "evaluation.draft.saved": _("Survey draft saved"),
                "evaluation.survey.answered": _("Survey answered"),
                "evaluation.answer.moderated": _("Open answer moderated"),
                "evaluation.feedback.sent": _("Survey answers sent into a consultation round"),
            }
        )
        origins.register(comment_origins)
        periodic.daily(tasks.surveys_daily, at=settings.EVALUATION_DAILY_TIME)
