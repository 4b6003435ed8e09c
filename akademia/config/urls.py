from django.urls import include, path

from akademia.api.urls import token_urlpatterns as api_tokens
from akademia.delivery.urls import public_urlpatterns as certificates
from akademia.reporting.urls import public_urlpatterns as progress

urlpatterns = [
    path("", include("akademia.core.urls")),
    path("konto/tokeny-api/", include((api_tokens, "api-tokens"))),
    path("konto/", include("akademia.accounts.urls")),
    path("teryt/", include("akademia.territory.urls")),
    path("", include("akademia.programmes.urls")),
    path("konsultacje/", include("akademia.consultations.urls")),
    path("nabor/", include("akademia.recruitment.urls")),
    path("planowanie/", include("akademia.planning.urls")),
    path("szkolenia/", include("akademia.delivery.urls")),
    path("zaswiadczenia/", include((certificates, "certificates"))),
    path("ewaluacja/", include("akademia.evaluation.urls")),
    path("raporty/", include("akademia.reporting.urls")),
    path("postepy/", include((progress, "progress"))),
    path("sm-efs/", include("akademia.efs.urls")),
    path("api/v1/", include("akademia.api.urls")),
]
handler500 = "akademia.core.views.server_error"
