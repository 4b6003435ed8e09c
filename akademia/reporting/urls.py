"""URLs of reporting (mounted at /raporty/), and the public progress page (/postepy/)."""

from django.urls import path

from akademia.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("osoby/", views.people, name="people"),
    path("jst/", views.jst_list, name="jst-list"),
    path("tabele/<slug:slug>.<str:extension>", views.table_export, name="table-export"),
    path("mapa/jst.geojson", views.map_points, name="map-points"),
    path("mapa/<slug:level>.geojson", views.map_areas, name="map-areas"),
    path("cele/", views.targets, name="targets"),
    path("projekty/<int:pk>/raport.<str:extension>", views.monthly_report, name="monthly-report"),
]

# Mounted at /postepy/ (namespace "progress"): open to everyone.
public_urlpatterns = [
    path("", views.progress, name="public"),
    path("dane.csv", views.progress_csv, name="open-data"),
    path("mapa.geojson", views.progress_map, name="map"),
]
