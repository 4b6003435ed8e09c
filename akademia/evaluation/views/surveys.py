"""A person's surveys: the list, filling one (a draft to come back to, then one submission),
and their own knowledge-test scores."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.evaluation import forms, selectors, services


@permission_required(Capability.ANSWER_SURVEYS)
def my_surveys(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "invitations": selectors.my_invitations(request.user),
        "scores": selectors.my_scores(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/my_surveys.html", context)


def _field_of(form, field: str | None) -> str | None:
    """A grid's error goes to its first row's field."""
    if field and field not in form.fields and f"{field}_1" in form.fields:
        return f"{field}_1"
    return field


@permission_required(Capability.ANSWER_SURVEYS)
def survey_fill(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The survey's questions with the person's draft; "Save and finish later" keeps a draft,
    "Send" submits once. Answered before: the page says so, and a POST is refused."""
    invitation = selectors.invitation_of(request.user, pk)
    survey = invitation.survey
    questions = selectors.survey_questions(survey)
    refusal = services.survey_submit_blocker(invitation)
    form = forms.SurveyForm(
        request.POST or None,
        questions=questions,
        initial_answers=selectors.draft_of(request.user, survey),
    )
    if request.method == "POST":
        submitting = "send" in request.POST
        if form.is_valid() and (not submitting or form.check_required()):
            data = form.data_by_question()
            try:
                if submitting:
                    response = services.survey_submit(actor=request.user, survey=survey, data=data)
                else:
                    services.draft_save(actor=request.user, survey=survey, data=data)
            except DomainError as error:
                error.field = _field_of(form, error.field)
                add_domain_error(form, error)
            else:
                if not submitting:
                    messages.success(
                        request,
                        _("Your answers are saved. You can come back and finish them later."),
                    )
                    return redirect("evaluation:survey-fill", pk=survey.pk)
                done = _("Thank you: your answers are sent.")
                if response.max_score:
                    done += " " + _("Your score: %(score)s of %(max)s points.") % {
                        "score": f"{response.score:g}",
                        "max": f"{response.max_score:g}",
                    }
                messages.success(request, done)
                return redirect("evaluation:my-surveys")
    context = {
        "survey": survey,
        "form": form,
        "refusal": refusal,
        "may_answer": not refusal,
    }
    return render(request, "evaluation/survey_fill.html", context, status=200)
