"""URLs of planning (mounted at /planowanie/)."""

from django.urls import path

from akademia.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("wszystkie/", views.plan_start_all, name="plan-start-all"),
    path("projekty/<int:pk>/", views.project_detail, name="project-detail"),
    path("projekty/<int:pk>/planuj/", views.plan_start, name="plan-start"),
    path("projekty/<int:pk>/problem.json", views.problem_export, name="problem-export"),
    path("projekty/<int:pk>/miejsca/domyslne/", views.venues_defaults, name="venue-defaults"),
    path("projekty/<int:pk>/miejsca/nowe/", views.venue_create, name="venue-create"),
    path("miejsca/<int:pk>/", views.venue_edit, name="venue-edit"),
    path("miejsca/<int:pk>/usun/", views.venue_delete, name="venue-delete"),
    path("projekty/<int:pk>/trenerzy/nowy/", views.trainer_create, name="trainer-create"),
    path("trenerzy/<int:pk>/", views.trainer_edit, name="trainer-edit"),
    path("trenerzy/<int:pk>/usun/", views.trainer_delete, name="trainer-delete"),
    path("plany/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plany/<int:pk>/mapa.json", views.plan_map_data, name="plan-map-data"),
    path("plany/<int:pk>/przenies-zespol/", views.plan_move_team, name="plan-move-team"),
    path("plany/<int:pk>/przenies-zjazd/", views.plan_move_meeting, name="plan-move-meeting"),
    path("plany/<int:pk>/zmien-trenera/", views.plan_change_trainer, name="plan-change-trainer"),
    path("plany/<int:pk>/porownaj/", views.plan_compare, name="plan-compare"),
    path("plany/<int:pk>/publikuj/", views.plan_publish, name="plan-publish"),
    path("moje-terminy/", views.my_dates, name="my-dates"),
    path("moje-zjazdy/", views.my_meetings, name="my-meetings"),
]
