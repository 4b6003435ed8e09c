"""Reports of many groups: a project's and a programme version's results with the comparisons
between groups, projects and versions, and the documents (PDF summaries, XLSX of the results
and of a project's answers). Nothing of a survey below the threshold counts in any of them
(`selectors.aggregate`)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.evaluation import exports, results, selectors


def _page(request, template: str, **context) -> HttpResponse:
    return render(request, template, {**context, "least": results.MIN_ANSWERS})


@permission_required(Capability.SEE_VERSION_RESULTS)
def project_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    report = selectors.project_report(request.user, project)
    return _page(request, "evaluation/reports/project.html", project=project, report=report)


@permission_required(Capability.SEE_SURVEY_RESULTS)
def trainer_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Wyniki trenera: the groups a trainer taught, compared; for the trainer and operators."""
    trainer = selectors.trainer_get_for(request.user, pk)
    report = selectors.trainer_report(request.user, trainer)
    return _page(request, "evaluation/reports/trainer.html", trainer=trainer, report=report)


@permission_required(Capability.SEE_VERSION_RESULTS)
def version_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    report = selectors.version_report(request.user, version)
    return _page(
        request,
        "evaluation/reports/version.html",
        version=version,
        report=report,
        can_send=can(request.user, Capability.SEND_FEEDBACK, version),
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _xlsx(content: bytes, stem: str) -> HttpResponse:
    return _download(content, exports.XLSX_CONTENT_TYPE, f"{slugify(stem)}.xlsx")


def _pdf(content: bytes, stem: str) -> HttpResponse:
    return _download(content, exports.PDF_CONTENT_TYPE, f"{slugify(stem)}.pdf")


@permission_required(Capability.SEE_SURVEY_RESULTS)
def group_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for(request.user, pk)
    report = selectors.group_report(request.user, group)
    title = f"{group.project.name}: {group.code}"
    return _pdf(exports.report_pdf(report, title), f"ewaluacja-{group.code}")


@permission_required(Capability.SEE_SURVEY_RESULTS)
def group_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for(request.user, pk)
    report = selectors.group_report(request.user, group)
    title = f"{group.project.name}: {group.code}"
    return _xlsx(exports.report_xlsx(report, title), f"ewaluacja-{group.code}")


@permission_required(Capability.SEE_VERSION_RESULTS)
def project_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    report = selectors.project_report(request.user, project)
    return _pdf(exports.report_pdf(report, project.name), f"ewaluacja-{project.name}")


@permission_required(Capability.SEE_VERSION_RESULTS)
def project_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    report = selectors.project_report(request.user, project)
    return _xlsx(exports.report_xlsx(report, project.name), f"ewaluacja-{project.name}")


@permission_required(Capability.SEE_VERSION_RESULTS)
def project_answers_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(request.user, pk)
    sheets = selectors.project_answers(request.user, project)
    return _xlsx(exports.answers_xlsx(sheets), f"odpowiedzi-{project.name}")


@permission_required(Capability.SEE_VERSION_RESULTS)
def version_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    report = selectors.version_report(request.user, version)
    return _xlsx(exports.report_xlsx(report, str(version)), f"ewaluacja-{version}")
