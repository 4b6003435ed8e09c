"""Writing questionnaires (the national operator, an expert for their programmes): the list,
a new questionnaire, its questions (added and removed while nobody got it), a new version."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.evaluation import forms, selectors, services


@permission_required(Capability.AUTHOR_QUESTIONNAIRES)
def questionnaire_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {"questionnaires": selectors.questionnaire_list_for(request.user)}
    return render(request, "evaluation/questionnaires/list.html", context)


@permission_required(Capability.AUTHOR_QUESTIONNAIRES)
def questionnaire_create(request: AuthenticatedRequest) -> HttpResponse:
    versions = selectors.versions_for_authoring(request.user)
    form = forms.QuestionnaireForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The questionnaire is created: add its questions."))
            return redirect("evaluation:questionnaire-detail", pk=questionnaire.pk)
    return render(request, "evaluation/questionnaires/create.html", {"form": form})


@permission_required(Capability.AUTHOR_QUESTIONNAIRES)
def questionnaire_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The questions; while nobody got the questionnaire, a form adding one (POST)."""
    questionnaire = selectors.questionnaire_get_for(request.user, pk)
    form = forms.QuestionForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(
                actor=request.user, questionnaire=questionnaire, **form.service_arguments()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("evaluation:questionnaire-detail", pk=questionnaire.pk)
    context = {
        "questionnaire": questionnaire,
        "questions": selectors.questionnaire_questions(questionnaire),
        "form": form,
        "locked": services.questionnaire_edit_blocker(questionnaire),
    }
    return render(request, "evaluation/questionnaires/detail.html", context)


@require_POST
@permission_required(Capability.AUTHOR_QUESTIONNAIRES)
def questionnaire_new_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get_for(request.user, pk)
    try:
        copy = services.questionnaire_new_version(actor=request.user, questionnaire=questionnaire)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("evaluation:questionnaire-detail", pk=questionnaire.pk)
    messages.success(request, _("A new version is made: edit its questions here."))
    return redirect("evaluation:questionnaire-detail", pk=copy.pk)


@require_POST
@permission_required(Capability.AUTHOR_QUESTIONNAIRES)
def question_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = selectors.question_get_for(request.user, pk)
    try:
        services.question_delete(actor=request.user, question=question)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The question is removed."))
    return redirect("evaluation:questionnaire-detail", pk=question.questionnaire_id)
