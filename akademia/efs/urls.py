"""URLs of the SM EFS data (mounted at /sm-efs/)."""

from django.urls import path

from akademia.efs import views

app_name = "efs"

urlpatterns = [
    # A participant's (or their coordinator's) form
    path("moje-dane/", views.my_data, name="my-data"),
    path(
        "projekty/<int:project>/osoby/<int:person>/",
        views.data_edit,
        name="data-edit",
    ),
    path("instytucje/<str:code>/", views.institution_edit, name="institution-edit"),
    # The operators' pages and files
    path("projekty/", views.project_list, name="project-list"),
    path("projekty/<int:pk>/", views.project_detail, name="project-detail"),
    path("projekty/<int:pk>/uczestnicy.csv", views.participants_csv, name="participants-csv"),
    path("projekty/<int:pk>/instytucje.csv", views.institutions_csv, name="institutions-csv"),
]
