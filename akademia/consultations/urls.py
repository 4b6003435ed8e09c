"""URLs of consultations, grouped by feature (the views/ modules of the same names)."""

from django.urls import path

from akademia.consultations.views import entry, reports, review, rounds, taxonomy

app_name = "consultations"

urlpatterns = [
    # Rounds, their meetings and comments
    path("", rounds.round_list, name="round-list"),
    path("nowa/", rounds.round_create, name="round-create"),
    path("<int:pk>/", rounds.round_detail, name="round-detail"),
    path("<int:pk>/status/", rounds.round_status, name="round-status"),
    path("<int:pk>/zamkniecie/", rounds.round_close, name="round-close"),
    path("<int:pk>/zmiany/", rounds.round_changes, name="round-changes"),
    path("<int:pk>/spotkania/nowe/", rounds.meeting_add, name="meeting-add"),
    path("spotkania/<int:pk>/", rounds.meeting_detail, name="meeting-detail"),
    path("uwagi/<int:pk>/blok/", rounds.comment_block, name="comment-block"),
    path("uwagi/<int:pk>/edycja/", rounds.comment_edit, name="comment-edit"),
    # Review: near-duplicates, review meetings, decisions
    path("<int:pk>/przeglad/", review.review, name="review"),
    path("<int:pk>/przeglady/nowy/", review.review_add, name="review-add"),
    path("<int:pk>/duplikaty/", review.round_regroup, name="round-regroup"),
    path("<int:pk>/grupy/", review.comment_group, name="comment-group"),
    path("uwagi/<int:pk>/decyzja/", review.decision_record, name="decision-record"),
    # The taxonomy: thematic blocks and kinds of decision
    path("bloki/", taxonomy.taxonomy, name="taxonomy"),
    # Comment entry: the meeting link, fast entry, the file import
    path("spotkanie/<str:token>/", entry.meeting_entry, name="meeting-entry"),
    path("spotkanie/<int:pk>/wpisywanie/", entry.meeting_type, name="meeting-type"),
    path("<int:pk>/import-uwag/", entry.round_import_comments, name="round-import-comments"),
    # Reports: summary, tabela uwag, decisions import, the public report
    path("<int:pk>/podsumowanie/", reports.round_summary, name="round-summary"),
    path("<int:pk>/tabela-uwag.xlsx", reports.round_export_xlsx, name="round-export-xlsx"),
    path("<int:pk>/tabela-uwag.docx", reports.round_export_docx, name="round-export-docx"),
    path("<int:pk>/import-decyzji/", reports.round_import_decisions, name="round-import-decisions"),
    path("<int:pk>/raport/", reports.round_public, name="round-public"),
    path("raporty/", reports.report_list, name="report-list"),
]
