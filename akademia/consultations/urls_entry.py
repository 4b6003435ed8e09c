"""Comment entry: the per-meeting link for participants, fast entry and the file import."""

from django.urls import path

from akademia.consultations import views_entry

urlpatterns = [
    path("spotkanie/<str:token>/", views_entry.meeting_entry, name="meeting-entry"),
    path("spotkanie/<int:pk>/wpisywanie/", views_entry.meeting_type, name="meeting-type"),
    path("<int:pk>/import-uwag/", views_entry.round_import_comments, name="round-import-comments"),
]
