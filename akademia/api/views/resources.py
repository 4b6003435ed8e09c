"""The REST API, version 1: read-only lists and details, each through a selector of
`api/selectors.py`, behind the capability its web page asks for (`accounts.permissions.can`).

Every answer carries an ETag (a hash of its body): a client that sends it back in
`If-None-Match` gets 304 without the body. Lists are paginated (50 rows, `page_size` up to 200)
and filtered by query parameters named in each view's `filters`.
"""

import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from rest_framework import viewsets
from rest_framework.response import Response

from akademia.accounts.roles import Capability
from akademia.accounts.types import PublicRequest
from akademia.api import selectors, serializers
from akademia.api.access import HasCapability
from akademia.api.filters import QueryFilter
from akademia.consultations.models import RoundStatus
from akademia.programmes.models import VersionStatus
from akademia.recruitment.models import CallStatus


class Conditional:
    """An ETag on every 200 answer (a hash of its JSON), and 304 to a request that sends it
    back in If-None-Match; each caller's answer is their own (Vary: Authorization)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization"])  # each caller's answer is their own
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            body = json.dumps(response.data, cls=DjangoJSONEncoder, sort_keys=True)
            etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'
            response["ETag"] = etag
            conditional = get_conditional_response(request, etag=etag, response=response)
            if conditional is not response:
                not_modified = Response(status=304, headers={"ETag": etag})
                not_modified = super().finalize_response(request, not_modified, *args, **kwargs)
                patch_vary_headers(not_modified, ["Authorization"])
                return not_modified
        return response


class ReadOnlyViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    capabilities: tuple[str, ...] = ()
    filters: dict = {}
    permission_classes = [HasCapability]
    filter_backends = [QueryFilter]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        # Each resource defines `rows(user)`: its rows through its app's scoped selector.
        return self.rows(self.request.user)

    def context_for(self, objects) -> dict:
        """What a page of rows needs besides the rows (aggregates), in a constant few queries."""
        return {}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._extra = self.context_for(page if page is not None else list(queryset))
        return page

    def get_object(self):
        obj = super().get_object()
        self._extra = self.context_for([obj])
        return obj

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **getattr(self, "_extra", {})}


def _choices(values) -> list[str]:
    return list(values)


class ProgrammeViewSet(ReadOnlyViewSet):
    """Programmes (programy szkoleń) with the ids of their versions."""

    capabilities = (Capability.WORK_ON_PROGRAMMES,)
    serializer_class = serializers.ProgrammeSerializer

    def rows(self, user):
        return selectors.programme_list_for(user)

    def context_for(self, objects):
        return {
            "versions": selectors.programme_versions_of(self.request.user, [o.pk for o in objects])
        }


class VersionViewSet(ReadOnlyViewSet):
    """Programme versions with their modules."""

    capabilities = (Capability.WORK_ON_PROGRAMMES,)
    serializer_class = serializers.VersionSerializer
    filters = {
        "programme": ("programme_id", int, None),
        "status": ("status", str, _choices(VersionStatus.values)),
    }

    def rows(self, user):
        return selectors.version_list_for(user)


class RoundViewSet(ReadOnlyViewSet):
    """Consultation rounds (rundy konsultacji)."""

    capabilities = (Capability.VIEW_CONSULTATIONS,)
    serializer_class = serializers.RoundSerializer
    filters = {
        "status": ("status", str, _choices(RoundStatus.values)),
        "version": ("version_id", int, None),
    }

    def rows(self, user):
        return selectors.round_list_for(user)


class CommentViewSet(ReadOnlyViewSet):
    """Comments (uwagi) of the rounds, each with its decision when the authors made one."""

    capabilities = (Capability.VIEW_CONSULTATIONS,)
    serializer_class = serializers.CommentSerializer
    filters = {
        "round": ("round_id", int, None),
        "block": ("block__code", str, None),
        "decided": ("decision__isnull", "negated-bool", None),
    }

    def rows(self, user):
        return selectors.comment_list_for(user)


class DecisionViewSet(ReadOnlyViewSet):
    """The authors' decisions on comments (who may read every comment of a round)."""

    capabilities = (Capability.SEE_ALL_COMMENTS,)
    serializer_class = serializers.DecisionSerializer
    filters = {
        "round": ("comment__round_id", int, None),
        "state": ("state__code", str, None),
    }

    def rows(self, user):
        return selectors.decision_list_for(user)


class ProjectViewSet(ReadOnlyViewSet):
    """Projects with their targets and the JST and people enrolled."""

    capabilities = (Capability.RUN_RECRUITMENT,)
    serializer_class = serializers.ProjectSerializer
    filters = {"voivodeship": ("voivodeship__code", str, None)}

    def rows(self, user):
        return selectors.project_list_for(user)

    def context_for(self, objects):
        return {"figures": selectors.project_figures(self.request.user, [o.pk for o in objects])}


class CallViewSet(ReadOnlyViewSet):
    """Calls (nabory) with their applications by status and the people in their teams."""

    capabilities = (Capability.RUN_RECRUITMENT,)
    serializer_class = serializers.CallSerializer
    filters = {
        "project": ("project_id", int, None),
        "voivodeship": ("project__voivodeship__code", str, None),
        "status": ("status", str, _choices(CallStatus.values)),
    }

    def rows(self, user):
        return selectors.call_list_for(user)

    def context_for(self, objects):
        return {"figures": selectors.call_figures(self.request.user, [o.pk for o in objects])}


TRAINING = (
    Capability.PLAN_TRAINING,
    Capability.SEE_OWN_MEETINGS,
    Capability.SEE_OWN_TRAINING_DATES,
)


class GroupViewSet(ReadOnlyViewSet):
    """Current training groups (of published plans) with their JST."""

    capabilities = TRAINING
    serializer_class = serializers.GroupSerializer
    filters = {
        "project": ("project_id", int, None),
        "voivodeship": ("project__voivodeship__code", str, None),
    }

    def rows(self, user):
        return selectors.group_list_for(user)


class MeetingViewSet(ReadOnlyViewSet):
    """Meetings (zjazdy) of the current groups, in date order."""

    capabilities = TRAINING
    serializer_class = serializers.MeetingSerializer
    filters = {
        "group": ("group_id", int, None),
        "project": ("group__project_id", int, None),
        "voivodeship": ("group__project__voivodeship__code", str, None),
    }

    def rows(self, user):
        return selectors.meeting_list_for(user)


@login_not_required
def docs(request: PublicRequest):
    """Swagger UI over the published schema, from local files (no inline script: the CSP)."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
