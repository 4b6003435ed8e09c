"""Reports of a consultation round: the summary, the tabela uwag files, the decisions import and
the public report of a closed round.

The summary and the files are for those who see all comments of the round
(`Capability.SEE_ALL_COMMENTS`): operators and the programme's authors. Any other role gets 403
for the page; a reader for whom the round does not exist gets 404, as from
selectors.round_get_for.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.consultations import exports, reports, selectors, services
from akademia.consultations.forms import DecisionImportForm
from akademia.consultations.models import RoundStatus


def _round_with_all_comments(user, pk: int):
    consultation = selectors.round_get_for(user, pk)
    return consultation, selectors.comment_list_for(user, consultation)


@permission_required(Capability.SEE_ALL_COMMENTS)
def round_summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation, comments = _round_with_all_comments(request.user, pk)
    return render(
        request,
        "consultations/reports/summary.html",
        {
            "consultation": consultation,
            "summary": reports.round_summary(comments),
            "can_import": can(request.user, Capability.DECIDE_COMMENTS, consultation),
            "is_published": consultation.status == RoundStatus.CLOSED,
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(Capability.SEE_ALL_COMMENTS)
def round_export_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation, comments = _round_with_all_comments(request.user, pk)
    return _download(
        exports.tabela_uwag_xlsx(consultation, comments),
        exports.XLSX_CONTENT_TYPE,
        exports.filename(consultation, "xlsx"),
    )


@permission_required(Capability.SEE_ALL_COMMENTS)
def round_export_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation, comments = _round_with_all_comments(request.user, pk)
    return _download(
        exports.tabela_uwag_docx(consultation, comments),
        exports.DOCX_CONTENT_TYPE,
        exports.filename(consultation, "docx"),
    )


@permission_required(Capability.DECIDE_COMMENTS)
def round_import_decisions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = selectors.round_get_for(request.user, pk)
    bound = request.method == "POST"
    form = DecisionImportForm(request.POST if bound else None, request.FILES if bound else None)
    errors = []
    if bound and form.is_valid():
        result = services.decisions_import(
            actor=request.user, consultation=consultation, upload=form.cleaned_data["file"]
        )
        if not result.errors:
            messages.success(request, _imported_message(result.recorded))
            return redirect("consultations:round-summary", pk=consultation.pk)
        errors = result.errors
    return render(
        request,
        "consultations/reports/import.html",
        {"consultation": consultation, "form": form, "errors": errors},
    )


def _imported_message(count: int) -> str:
    return ngettext(
        "%(count)d decision recorded from the file.",
        "%(count)d decisions recorded from the file.",
        count,
    ) % {"count": count}


@login_not_required
def report_list(request: PublicRequest) -> HttpResponse:
    """The published reports: one for every closed round, for anyone."""
    return render(
        request, "consultations/reports/list.html", {"rounds": selectors.rounds_published()}
    )


@login_not_required
def round_public(request: PublicRequest, pk: int) -> HttpResponse:
    consultation = selectors.round_get_public(pk)
    comments = selectors.comment_list_public(consultation)
    return render(
        request,
        "consultations/reports/public.html",
        {
            "consultation": consultation,
            "summary": reports.round_summary(comments),
            "rows": reports.comment_rows(comments, public=True),
        },
    )
