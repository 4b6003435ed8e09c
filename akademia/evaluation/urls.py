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
