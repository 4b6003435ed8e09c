from django.urls import path

from akademia.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("zrodla-danych/", views.data_sources, name="data-sources"),
    path("deklaracja-dostepnosci/", views.accessibility_statement, name="accessibility-statement"),
    path("jezyk/", views.set_language, name="set-language"),
    path("zadania/<uuid:pk>/", views.job_detail, name="job-detail"),
    path("zadania/<uuid:pk>/anuluj/", views.job_cancel_view, name="job-cancel"),
    path("dziennik/", views.audit_log, name="audit-log"),
    path("poczta/nieudana/", views.email_list, name="email-list"),
    path("poczta/<int:pk>/wyslij-ponownie/", views.email_send_again, name="email-send-again"),
]
