"""The monthly progress report of a project, as PDF or DOCX (?miesiac=YYYY-MM)."""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.utils import timezone

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.reporting import exports, selectors
from akademia.reporting.curves import month_of
from akademia.reporting.filters import Filters, parse_month

SHOWN = ("projects", "kinds", "profiles", "genders", "funnel")


@dataclass
class Report:
    project: object
    month: dt.date
    as_of: dt.date
    dashboard: object
    tables: list


@permission_required(Capability.SEE_REPORTS)
def monthly_report(request: AuthenticatedRequest, pk: int, extension: str) -> HttpResponse:
    """Where the project stood at the end of the month (everything up to it)."""
    project = selectors.report_project_get_for(request.user, pk)
    today = timezone.localdate()
    month = parse_month(request.GET.get("miesiac", "")) or month_of(today)
    board = selectors.dashboard_for(request.user, Filters(project=pk, end=month), today)
    as_of = min(today, exports.month_end(month))
    report = Report(project, month, as_of, board, [board.tables[s] for s in SHOWN])
    name = f"raport-{project.pk}-{month:%Y-%m}.{extension}"
    if extension == "pdf":
        body, kind = exports.report_pdf(report), exports.PDF_CONTENT_TYPE
    elif extension == "docx":
        body, kind = exports.report_docx(report), exports.DOCX_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
