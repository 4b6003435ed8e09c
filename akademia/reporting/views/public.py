"""The public progress page (no sign-in): the national map with totals per voivodeship, and
the same figures as open data (CSV, CC BY 4.0). Only counts, never a person."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from akademia.accounts.types import PublicRequest
from akademia.core.csvfiles import csv_response
from akademia.reporting import selectors
from akademia.reporting.selectors.maps import BANDS, Area
from akademia.reporting.selectors.public import COLUMNS

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


@login_not_required
def progress(request: PublicRequest) -> HttpResponse:
    rows = selectors.public_progress()
    context = {
        "rows": rows,
        "total": selectors.public_totals(rows),
        "bands": BANDS,
        "licence": LICENCE,
    }
    return render(request, "reporting/public.html", context)


@login_not_required
@cache_control(public=True, max_age=600)
def progress_csv(request: PublicRequest) -> HttpResponse:
    rows = selectors.public_progress()
    lines = [list(COLUMNS)] + [row.line() for row in rows]
    footer = [
        _("Akademia Samorządowa: progress of the training per voivodeship."),
        _("Licence: %(licence)s") % {"licence": LICENCE},
    ]
    return csv_response(lines, "postepy-wojewodztwa.csv", footer=footer)


@login_not_required
@cache_control(public=True, max_age=600)
def progress_map(request: PublicRequest) -> HttpResponse:
    areas = [
        Area(r.code, r.name, r.jst, r.jst_reached, r.trained, r.boundary)
        for r in selectors.public_progress()
    ]
    body = selectors.geojson(areas)
    return HttpResponse(body, content_type="application/geo+json")
