from django.urls import path

from akademia.territory import views

app_name = "territory"

urlpatterns = [
    path("", views.poland, name="poland"),
    path("mapa.geojson", views.map_poland, name="map-poland"),
    path("szukaj/", views.jst_search, name="jst-search"),
    path("import/", views.register_import, name="register-import"),
    path("import/<uuid:token>/", views.register_import_preview, name="register-import-preview"),
    path("woj/<str:code>/", views.voivodeship_detail, name="voivodeship-detail"),
    path("woj/<str:code>/mapa.geojson", views.map_voivodeship, name="map-voivodeship"),
    path("powiat/<str:code>/", views.county_detail, name="county-detail"),
    path("powiat/<str:code>/mapa.geojson", views.map_county, name="map-county"),
    path("jst/<str:code>/", views.jst_detail, name="jst-detail"),
]
