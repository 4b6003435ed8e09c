"""URLs of evaluation (mounted at /ewaluacja/)."""

from django.urls import path

from akademia.evaluation import views

app_name = "evaluation"

urlpatterns = [
    # A person's surveys and their own scores
    path("", views.my_surveys, name="my-surveys"),
    path("ankiety/<int:pk>/", views.survey_fill, name="survey-fill"),
    # Results (above the threshold)
    path("wyniki/", views.results_list, name="results-list"),
    path("wyniki/grupy/<int:pk>/", views.group_results, name="group-results"),
    path("wyniki/ankiety/<int:pk>/", views.survey_results, name="survey-results"),
    path("wyniki/grupy/<int:pk>/raport.pdf", views.group_pdf, name="group-pdf"),
    path("wyniki/grupy/<int:pk>/wyniki.xlsx", views.group_xlsx, name="group-xlsx"),
    path("wyniki/projekty/<int:pk>/", views.project_results, name="project-results"),
    path("wyniki/projekty/<int:pk>/raport.pdf", views.project_pdf, name="project-pdf"),
    path("wyniki/projekty/<int:pk>/wyniki.xlsx", views.project_xlsx, name="project-xlsx"),
    path(
        "wyniki/projekty/<int:pk>/odpowiedzi.xlsx",
        views.project_answers_xlsx,
        name="project-answers-xlsx",
    ),
    path("wyniki/trenerzy/<int:pk>/", views.trainer_results, name="trainer-results"),
    path("wyniki/wersje/<int:pk>/", views.version_results, name="version-results"),
    path("wyniki/wersje/<int:pk>/wyniki.xlsx", views.version_xlsx, name="version-xlsx"),
    # The loop back into the programme's consultation
    path("wyniki/wersje/<int:pk>/do-konsultacji/", views.feedback_select, name="feedback-select"),
    path(
        "wyniki/wersje/<int:pk>/do-konsultacji/wyslij/",
        views.feedback_send,
        name="feedback-send",
    ),
    path("zrodla-uwag/<int:pk>/", views.feedback_source, name="feedback-source"),
    # Moderating open answers of anonymous surveys
    path("moderacja/", views.moderation_list, name="moderation-list"),
    path("moderacja/<uuid:pk>/", views.answer_moderate, name="answer-moderate"),
    # Writing questionnaires
    path("kwestionariusze/", views.questionnaire_list, name="questionnaire-list"),
    path("kwestionariusze/nowy/", views.questionnaire_create, name="questionnaire-create"),
    path("kwestionariusze/<int:pk>/", views.questionnaire_detail, name="questionnaire-detail"),
    path(
        "kwestionariusze/<int:pk>/nowa-wersja/",
        views.questionnaire_new_version,
        name="questionnaire-new-version",
    ),
    path("pytania/<int:pk>/usun/", views.question_delete, name="question-delete"),
]
