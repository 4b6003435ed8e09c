"""URLs of recruitment: projects, calls, applications, review, selection."""

from django.urls import path

from akademia.recruitment.views import calls, coordinator, projects, public, review, selection

app_name = "recruitment"

urlpatterns = [
    # Public: open calls and the application (no account needed).
    path("", public.open_calls, name="open-calls"),
    path("<int:pk>/zgloszenie/", public.application_create, name="application-create"),
    path("zgloszenie/<uuid:token>/", public.application_edit, name="application-edit"),
    path("potwierdz/<str:code>/", public.application_confirm, name="application-confirm"),
    # The JST coordinator.
    path("moje/", coordinator.my_applications, name="my-applications"),
    path(
        "zgloszenia/<int:pk>/wycofaj/",
        coordinator.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "zgloszenia/<int:pk>/uczestnicy/",
        coordinator.application_participants,
        name="application-participants",
    ),
    # Operators: projects and calls.
    path("projekty/", projects.project_list, name="project-list"),
    path("projekty/nowy/", projects.project_create, name="project-create"),
    path("projekty/<int:pk>/", projects.project_detail, name="project-detail"),
    path("projekty/<int:pk>/edycja/", projects.project_edit, name="project-edit"),
    path("projekty/<int:pk>/nabor/", calls.call_create, name="call-create"),
    path("nabory/<int:pk>/", calls.call_detail, name="call-detail"),
    path("nabory/<int:pk>/edycja/", calls.call_edit, name="call-edit"),
    path("nabory/<int:pk>/status/", calls.call_status, name="call-status"),
    path("nabory/<int:pk>/kryteria/", calls.call_criteria, name="call-criteria"),
    path("nabory/<int:pk>/kwoty/", calls.call_quotas, name="call-quotas"),
    # Operators: selection.
    path("nabory/<int:pk>/wybor/", selection.call_select, name="call-select"),
    path("nabory/<int:pk>/wyniki/", selection.call_results, name="call-results"),
    path("nabory/<int:pk>/publikacja/", selection.call_publish, name="call-publish"),
    # Operators: review (the coordinator reads their own application and its letter too).
    path("zgloszenia/<int:pk>/", review.application_detail, name="application-detail"),
    path("zgloszenia/<int:pk>/pismo/", review.application_letter, name="application-letter"),
    path(
        "zgloszenia/<int:pk>/kompletnosc/",
        review.application_complete,
        name="application-complete",
    ),
    path(
        "zgloszenia/<int:pk>/weryfikacja-koordynatora/",
        review.application_verify_coordinator,
        name="application-verify-coordinator",
    ),
    path(
        "zgloszenia/<int:pk>/poprawki/",
        review.application_corrections,
        name="application-corrections",
    ),
    path("zgloszenia/<int:pk>/ocena/", review.application_score, name="application-score"),
    path("zgloszenia/<int:pk>/decyzja/", review.application_override, name="application-override"),
]
