"""Indicators (wskaźniki): the monitoring dashboard's figures against the targets, as the
reporting app computes them for the caller's scope (`reporting.selectors.dashboard_for`): the
totals, and the rows by project, JST kind, profile, gender, month and pipeline stage."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from akademia.accounts.roles import Capability
from akademia.api.access import HasCapability
from akademia.api.schema import BAD_FILTER
from akademia.api.views.resources import Conditional
from akademia.recruitment.models import Profile
from akademia.reporting import selectors as reporting
from akademia.reporting.filters import Filters, parse_month
from akademia.territory.kinds import ExchangeGroupKind

MONTH = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"
TABLES = ["projects", "kinds", "profiles", "genders", "months", "funnel"]

COUNTS = serializers.DictField(child=serializers.IntegerField())
TARGETS = serializers.DictField(child=serializers.IntegerField(allow_null=True))
ROW = inline_serializer(
    "IndicatorRow",
    {
        "key": serializers.CharField(),
        "label": serializers.CharField(),
        "counts": COUNTS,
        "targets": TARGETS,
        "note": serializers.CharField(),
    },
)
INDICATORS = inline_serializer(
    "Indicators",
    {
        "filters": inline_serializer(
            "IndicatorFilters",
            {
                "project": serializers.IntegerField(allow_null=True),
                "kind": serializers.CharField(),
                "profile": serializers.CharField(),
                "from": serializers.CharField(allow_null=True),
                "to": serializers.CharField(allow_null=True),
            },
        ),
        "totals": ROW,
        **{name: ROW.__class__(many=True) for name in TABLES},
    },
)


def _row(row) -> dict:
    return {
        "key": str(row.key),
        "label": str(row.label),
        "counts": {k: int(v) for k, v in row.counts.items()},
        "targets": {k: (None if v is None else int(v)) for k, v in row.targets.items()},
        "note": str(row.note or ""),
    }


def _month(raw: str | None, name: str):
    if not raw:
        return None
    value = parse_month(raw)
    if value is None:
        raise ValidationError({name: ["YYYY-MM"]})
    return value


class IndicatorsView(Conditional, APIView):
    capabilities = (Capability.SEE_REPORTS,)
    permission_classes = [HasCapability]

    @extend_schema(
        operation_id="indicators",
        parameters=[
            OpenApiParameter(
                "project",
                {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
                description="a project of the caller's scope",
            ),
            OpenApiParameter("kind", str, enum=list(ExchangeGroupKind.values)),
            OpenApiParameter("profile", str, enum=list(Profile.values)),
            OpenApiParameter("from", str, pattern=MONTH, description="first month"),
            OpenApiParameter("to", str, pattern=MONTH, description="last month"),
        ],
        responses={200: INDICATORS, 400: BAD_FILTER},
    )
    def get(self, request):
        params = request.query_params
        project = params.get("project") or None
        if project is not None:
            if not project.isdigit() or int(project) >= 2**63:
                raise ValidationError({"project": ["a project id"]})
            reporting.report_project_get_for(request.user, int(project))  # 404 outside scope
        kind, profile = params.get("kind", ""), params.get("profile", "")
        if kind and kind not in ExchangeGroupKind.values:
            raise ValidationError({"kind": list(ExchangeGroupKind.values)})
        if profile and profile not in Profile.values:
            raise ValidationError({"profile": list(Profile.values)})
        filters = Filters(
            project=int(project) if project else None,
            kind=kind,
            profile=profile,
            start=_month(params.get("from"), "from"),
            end=_month(params.get("to"), "to"),
        )
        board = reporting.dashboard_for(request.user, filters)
        data = {
            "filters": {
                "project": filters.project,
                "kind": filters.kind,
                "profile": filters.profile,
                "from": filters.start.strftime("%Y-%m") if filters.start else None,
                "to": filters.end.strftime("%Y-%m") if filters.end else None,
            },
            "totals": _row(board.totals),
            **{name: [_row(r) for r in board.tables[name].rows] for name in TABLES},
        }
        return Response(data)
