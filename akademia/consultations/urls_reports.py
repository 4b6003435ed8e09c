"""Reports of a consultation round: summary, tabela uwag exports, decisions import."""

from django.urls import path

from akademia.consultations import views_reports as views

urlpatterns: list = [
    path("<int:pk>/podsumowanie/", views.round_summary, name="round-summary"),
    path("<int:pk>/tabela-uwag.xlsx", views.round_export_xlsx, name="round-export-xlsx"),
    path("<int:pk>/tabela-uwag.docx", views.round_export_docx, name="round-export-docx"),
    path("<int:pk>/import-decyzji/", views.round_import_decisions, name="round-import-decisions"),
    path("<int:pk>/raport/", views.round_public, name="round-public"),
]
