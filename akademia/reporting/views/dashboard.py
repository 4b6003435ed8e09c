"""The monitoring dashboard (national, or of a regional operator's projects), the lists behind
its figures, its maps' data and its tables' exports."""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from akademia.accounts.permissions import can, permission_required, scope_of
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.csvfiles import csv_response
from akademia.evaluation import results
from akademia.recruitment.models import Gender, Profile
from akademia.reporting import charts, exports, selectors, tables
from akademia.reporting.filters import Filters
from akademia.reporting.selectors.maps import BANDS
from akademia.territory.kinds import ExchangeGroupKind

PAGE = 50
LEVELS = {"wojewodztwa": "voivodeship", "powiaty": "county"}


def filters_of(request: AuthenticatedRequest) -> Filters:
    """The filters of the URL; a project outside the user's scope answers 404."""
    filters = Filters.of(request.GET)
    if filters.project:
        selectors.report_project_get_for(request.user, filters.project)
    return filters


@permission_required(Capability.SEE_REPORTS)
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    filters = filters_of(request)
    board = selectors.dashboard_for(request.user, filters)
    areas = selectors.areas_for(
        request.user, filters, "voivodeship", _voivodeships(request, filters)
    )
    context = {
        "board": board,
        "filters": filters,
        "areas": areas,
        "curve": charts.curve_chart(board.months),
        "funnel": charts.funnel_chart(board.funnel, tables.STAGE_LABELS),
        "kinds": ExchangeGroupKind.choices,
        "profiles": Profile.choices,
        "bands": BANDS,
        "may_set_targets": can(request.user, Capability.SET_TARGETS),
        "least": results.MIN_ANSWERS,
        "table_order": ["projects", "groups", "kinds", "profiles", "genders", "months"],
    }
    return render(request, "reporting/dashboard.html", context)


@permission_required(Capability.SEE_REPORTS)
def people(request: AuthenticatedRequest) -> HttpResponse:
    stage = request.GET.get("etap", "recruited")
    if stage not in selectors.STAGES:
        raise Http404
    filters = filters_of(request)
    group = request.GET.get("grupa", "")
    rows = selectors.stage_people_for(
        request.user, filters, stage, _gender(request), int(group) if group.isdigit() else None
    )
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    audit.viewed(request.user, rows.model, what="reporting:people", count=len(page.object_list))
    context = {"filters": filters, "stage": stage, "label": tables.LABELS[stage], "page": page}
    return render(request, "reporting/people.html", context)


def _gender(request: AuthenticatedRequest) -> str | None:
    """?plec=female|male, or "brak" for the people whose gender is not known."""
    value = request.GET.get("plec", "")
    if value == tables.NONE:
        return ""
    return value if value in Gender.values else None


@permission_required(Capability.SEE_REPORTS)
def jst_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = filters_of(request)
    page = Paginator(selectors.reached_jst_for(request.user, filters), PAGE)
    context = {"filters": filters, "page": page.get_page(request.GET.get("page"))}
    return render(request, "reporting/jst_list.html", context)


@permission_required(Capability.SEE_REPORTS)
def table_export(request: AuthenticatedRequest, slug: str, extension: str) -> HttpResponse:
    """A table of the dashboard (or "wszystko": every table) as CSV or XLSX."""
    board = selectors.dashboard_for(request.user, filters_of(request))
    chosen = list(board.tables.values()) if slug == "wszystko" else [board.tables.get(slug)]
    if (
        None in chosen
        or extension not in ("csv", "xlsx")
        or (extension == "csv" and len(chosen) > 1)
    ):
        raise Http404
    if extension == "csv":
        return csv_response(chosen[0].lines(), f"{slug}.csv")
    response = HttpResponse(exports.tables_xlsx(chosen), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slug}.xlsx"'
    return response


@permission_required(Capability.SEE_REPORTS)
def map_areas(request: AuthenticatedRequest, level: str) -> HttpResponse:
    if level not in LEVELS:
        raise Http404
    filters = filters_of(request)
    areas = selectors.areas_for(
        request.user, filters, LEVELS[level], _voivodeships(request, filters)
    )
    body = selectors.geojson(areas)
    return HttpResponse(body, content_type="application/geo+json")


def _voivodeships(request: AuthenticatedRequest, filters: Filters) -> set | None:
    """The voivodeships a map shows: all for a national view of everything or of the pilot,
    else those of the projects in view (of the user's scope)."""
    if scope_of(request.user).everything and not filters.project:
        return None
    projects = selectors.report_projects_for(request.user)
    shown = {p.voivodeship_id for p in projects if filters.project in (None, p.pk)}
    return None if None in shown else shown  # the pilot spans the country


@permission_required(Capability.SEE_REPORTS)
def map_points(request: AuthenticatedRequest) -> HttpResponse:
    rows = selectors.point_rows(request.user, filters_of(request))
    features = [
        {
            "type": "Feature",
            "properties": {"name": row["name"], "status": row["status"]},
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        }
        for row in rows
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features})
    return HttpResponse(body, content_type="application/geo+json")


def dashboard_url(filters: Filters) -> str:
    query = filters.query()
    return reverse("reporting:dashboard") + (f"?{query}" if query else "")
