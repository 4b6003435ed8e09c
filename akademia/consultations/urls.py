"""URLs of consultations; the reports and the comment entry/import have modules of their own."""

from django.urls import path

from akademia.consultations import urls_entry, urls_reports, views

app_name = "consultations"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("nowa/", views.round_create, name="round-create"),
    path("bloki/", views.taxonomy, name="taxonomy"),
    path("<int:pk>/", views.round_detail, name="round-detail"),
    path("<int:pk>/status/", views.round_status, name="round-status"),
    path("<int:pk>/spotkania/nowe/", views.meeting_add, name="meeting-add"),
    path("<int:pk>/przeglad/", views.review, name="review"),
    path("<int:pk>/przeglady/nowy/", views.review_add, name="review-add"),
    path("<int:pk>/duplikaty/", views.round_regroup, name="round-regroup"),
    path("<int:pk>/grupy/", views.comment_group, name="comment-group"),
    path("<int:pk>/zmiany/", views.round_changes, name="round-changes"),
    path("spotkania/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("uwagi/<int:pk>/blok/", views.comment_block, name="comment-block"),
    path("uwagi/<int:pk>/edycja/", views.comment_edit, name="comment-edit"),
    path("uwagi/<int:pk>/decyzja/", views.decision_record, name="decision-record"),
    *urls_entry.urlpatterns,
    *urls_reports.urlpatterns,
]
