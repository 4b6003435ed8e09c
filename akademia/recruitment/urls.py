"""URLs of recruitment: projects, calls, applications, review, selection."""

from django.urls import path

from akademia.recruitment import views

app_name = "recruitment"

urlpatterns = [
    # Public: open calls and the application (no account needed).
    path("", views.open_calls, name="open-calls"),
    path("<int:pk>/zgloszenie/", views.application_create, name="application-create"),
    path("zgloszenie/<uuid:token>/", views.application_edit, name="application-edit"),
    path("potwierdz/<str:code>/", views.application_confirm, name="application-confirm"),
    # The JST coordinator.
    path("moje/", views.my_applications, name="my-applications"),
    path("zgloszenia/<int:pk>/wycofaj/", views.application_withdraw, name="application-withdraw"),
    path(
        "zgloszenia/<int:pk>/uczestnicy/",
        views.application_participants,
        name="application-participants",
    ),
    # Operators.
    path("projekty/", views.project_list, name="project-list"),
    path("projekty/nowy/", views.project_create, name="project-create"),
    path("projekty/<int:pk>/", views.project_detail, name="project-detail"),
    path("projekty/<int:pk>/nabor/", views.call_create, name="call-create"),
    path("nabory/<int:pk>/", views.call_detail, name="call-detail"),
    path("nabory/<int:pk>/status/", views.call_status, name="call-status"),
    path("nabory/<int:pk>/kryteria/", views.call_criteria, name="call-criteria"),
    path("nabory/<int:pk>/kwoty/", views.call_quotas, name="call-quotas"),
    path("nabory/<int:pk>/wybor/", views.call_select, name="call-select"),
    path("nabory/<int:pk>/wyniki/", views.call_results, name="call-results"),
    path("nabory/<int:pk>/publikacja/", views.call_publish, name="call-publish"),
    path("zgloszenia/<int:pk>/", views.application_detail, name="application-detail"),
    path("zgloszenia/<int:pk>/pismo/", views.application_letter, name="application-letter"),
    path(
        "zgloszenia/<int:pk>/kompletnosc/", views.application_complete, name="application-complete"
    ),
    path(
        "zgloszenia/<int:pk>/poprawki/",
        views.application_corrections,
        name="application-corrections",
    ),
    path("zgloszenia/<int:pk>/ocena/", views.application_score, name="application-score"),
    path("zgloszenia/<int:pk>/decyzja/", views.application_override, name="application-override"),
]
