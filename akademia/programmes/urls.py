from django.urls import path

from akademia.programmes import views

app_name = "programmes"

urlpatterns = [
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/<int:pk>/", views.public_version, name="public-version"),
    path("programy/", views.programme_list, name="programme-list"),
    path("programy/nowy/", views.programme_create, name="programme-create"),
    path("programy/<int:pk>/autorzy/", views.programme_authors, name="programme-authors"),
    path("wersje/<int:pk>/", views.version_detail, name="version-detail"),
    path("wersje/<int:pk>/edycja/", views.version_edit, name="version-edit"),
    path("wersje/<int:pk>/nowa-wersja/", views.version_new, name="version-new"),
    path("wersje/<int:pk>/status/", views.version_status, name="version-status"),
    path("wersje/<int:pk>/porownaj/<int:other>/", views.version_diff, name="version-diff"),
]
