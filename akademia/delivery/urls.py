"""URLs of delivery (mounted at /szkolenia/)."""

from django.urls import path

from akademia.delivery import views

app_name = "delivery"

urlpatterns = [
    # Groups and their participants
    path("", views.group_list, name="group-list"),
    path("grupy/<int:pk>/", views.group_detail, name="group-detail"),
    path("projekty/<int:pk>/uczestnicy/", views.participants_sync, name="participants-sync"),
    path(
        "uczestnicy/<int:pk>/zastepstwo/",
        views.participant_substitute,
        name="participant-substitute",
    ),
    path(
        "uczestnicy/<int:pk>/rezygnacja/", views.participant_withdraw, name="participant-withdraw"
    ),
    # Attendance lists
    path("dni/<int:pk>/", views.day_detail, name="day-detail"),
    path("dni/<int:pk>/synchronizuj/", views.day_sync, name="day-sync"),
    path("dni/<int:pk>/zamknij/", views.day_close, name="day-close"),
    path("dni/<int:pk>/lista-obecnosci.pdf", views.day_pdf, name="day-pdf"),
    path("obecnosc/<int:pk>/zmien/", views.mark_change, name="mark-change"),
    # Reports and the participant's own page
    path("raporty/", views.report, name="report"),
    path("raporty/frekwencja.xlsx", views.report_xlsx, name="report-xlsx"),
    path("moje-szkolenie/", views.my_training, name="my-training"),
    # Advisory support (doradztwo)
    path("doradztwo/", views.advisory_list, name="advisory-list"),
    path("doradztwo/godziny.xlsx", views.advisory_xlsx, name="advisory-xlsx"),
    path("doradztwo/projekty/<int:pk>/doradcy/", views.advisory_assign, name="advisory-assign"),
    path("doradztwo/jst/<int:pk>/", views.advisory_detail, name="advisory-detail"),
    path(
        "doradztwo/jst/<int:pk>/nowy-wpis/",
        views.advisory_session_create,
        name="advisory-session-create",
    ),
    path("doradztwo/wpisy/<int:pk>/", views.advisory_session, name="advisory-session"),
    path(
        "doradztwo/wpisy/<int:pk>/zmien/", views.advisory_session_edit, name="advisory-session-edit"
    ),
    path(
        "doradztwo/wpisy/<int:pk>/potwierdz/",
        views.advisory_session_confirm,
        name="advisory-session-confirm",
    ),
    path(
        "doradztwo/wpisy/<int:pk>/zakwestionuj/",
        views.advisory_session_dispute,
        name="advisory-session-dispute",
    ),
    path(
        "doradztwo/wpisy/<int:pk>/odwolaj/",
        views.advisory_session_cancel,
        name="advisory-session-cancel",
    ),
]
