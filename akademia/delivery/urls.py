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
    # QR self check-in (the trainer shows the day's code, the participant's page), a day's hours,
    # reopening a closed list (the regional operator)
    path("dni/<int:pk>/kod-qr/", views.day_qr, name="day-qr"),
    path("obecnosc/zamelduj/<int:pk>/", views.check_in, name="check-in"),
    path("dni/<int:pk>/godziny/", views.day_hours, name="day-hours"),
    path("dni/<int:pk>/otworz/", views.day_reopen, name="day-reopen"),
    # Reports and the participant's own page
    path("raporty/", views.report, name="report"),
    path("raporty/frekwencja.xlsx", views.report_xlsx, name="report-xlsx"),
    path("moje-szkolenie/", views.my_training, name="my-training"),
    # Tasks between meetings
    path("zadania/", views.task_list, name="task-list"),
    path("zadania/grupy/<int:pk>/", views.task_group, name="task-group"),
    path("zadania/<int:pk>/", views.task_detail, name="task-detail"),
    path("zadania/<int:pk>/ocena/", views.task_review, name="task-review"),
    path("zadania/pliki/<int:pk>/", views.task_file, name="task-file"),
    # Completion and certificates
    path("grupy/<int:pk>/ukonczenie/", views.group_completion, name="group-completion"),
    path(
        "grupy/<int:pk>/zaswiadczenia/wystaw/",
        views.certificates_issue,
        name="certificates-issue",
    ),
    path("zaswiadczenia/<int:pk>/zaswiadczenie.pdf", views.certificate_pdf, name="certificate-pdf"),
    path("zaswiadczenia/<int:pk>/uniewaznij/", views.certificate_revoke, name="certificate-revoke"),
    path("zasady-ukonczenia/<int:pk>/", views.completion_rules, name="completion-rules"),
    # Calendars: the month, the list, the person's feed address; moving a published meeting
    path("kalendarz/", views.calendar_month, name="calendar"),
    path("kalendarz/lista/", views.calendar_list, name="calendar-list"),
    path("kalendarz/adres/", views.calendar_feed_create, name="calendar-feed-create"),
    path("kalendarz/adres/nowy/", views.calendar_feed_regenerate, name="calendar-feed-regenerate"),
    path("kalendarz/subskrypcja/<slug:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("zjazdy/<int:pk>/zmiana/", views.meeting_change, name="meeting-change"),
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

# The public verification of a certificate, mounted at /zaswiadczenia/ (namespace
# "certificates"): the short address a certificate's QR code holds.
public_urlpatterns = [
    path("", views.certificate_verify_form, name="verify-form"),
    path("<str:number>/", views.certificate_verify, name="verify"),
]
