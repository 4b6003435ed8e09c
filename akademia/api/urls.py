from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from akademia.api import views

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("programy", views.ProgrammeViewSet, basename="programme")
router.register("wersje-programow", views.VersionViewSet, basename="version")
router.register("konsultacje", views.RoundViewSet, basename="round")
router.register("uwagi", views.CommentViewSet, basename="comment")
router.register("rozstrzygniecia", views.DecisionViewSet, basename="decision")
router.register("projekty", views.ProjectViewSet, basename="project")
router.register("nabory", views.CallViewSet, basename="call")
router.register("grupy", views.GroupViewSet, basename="group")
router.register("zjazdy", views.MeetingViewSet, basename="meeting")

# The API answers for itself (401 with a token challenge), not with the login page.
for pattern in router.urls:
    login_not_required(pattern.callback)

urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("dokumentacja/", views.docs, name="docs"),
    path("wskazniki/", login_not_required(views.IndicatorsView.as_view()), name="indicators"),
    *router.urls,
]

# A person's tokens, on their account's pages (/konto/tokeny-api/).
token_urlpatterns = [
    path("", views.token_list, name="token-list"),
    path("<int:pk>/uniewaznij/", views.token_revoke, name="token-revoke"),
]
