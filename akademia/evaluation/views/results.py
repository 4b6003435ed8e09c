"""Results: the groups' surveys with their response rates, one survey's distributions and
averages, a group's knowledge gain. Nothing of a survey below the threshold
(`evaluation.results.MIN_ANSWERS`)."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.evaluation import results, selectors

# A national operator reads about 150 groups with six surveys each: a page of them at a time.
GROUPS_ON_PAGE = 25


@permission_required(Capability.SEE_SURVEY_RESULTS)
def results_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.results_group_ids(request.user), GROUPS_ON_PAGE).get_page(
        request.GET.get("page")
    )
    wide = can(request.user, Capability.SEE_VERSION_RESULTS)
    projects, versions = selectors.report_links_for(request.user) if wide else ([], [])
    context = {
        "groups": selectors.results_groups_for(request.user, page.object_list),
        "page": page,
        "projects": projects,
        "versions": versions,
        "trainers": selectors.trainer_links_for(request.user),
        "least": results.MIN_ANSWERS,
    }
    return render(request, "evaluation/results/list.html", context)


@permission_required(Capability.SEE_SURVEY_RESULTS)
def group_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for(request.user, pk)
    context = {
        "report": selectors.group_results_for(request.user, group),
        "least": results.MIN_ANSWERS,
    }
    return render(request, "evaluation/results/group.html", context)


@permission_required(Capability.SEE_SURVEY_RESULTS)
def survey_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_results_get_for(request.user, pk)
    context = {"report": selectors.survey_results_for(survey), "least": results.MIN_ANSWERS}
    return render(request, "evaluation/results/survey.html", context)
