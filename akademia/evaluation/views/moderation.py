"""Moderating open answers of anonymous surveys (operators of their scope)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.evaluation import forms, selectors, services


@permission_required(Capability.MODERATE_ANSWERS)
def moderation_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {"answers": selectors.moderation_queue_for(request.user)}
    return render(request, "evaluation/moderation_list.html", context)


@permission_required(Capability.MODERATE_ANSWERS)
def answer_moderate(request: AuthenticatedRequest, pk) -> HttpResponse:
    answer = selectors.answer_get_for_moderation(request.user, pk)
    form = forms.ModerationForm(request.POST or None, initial={"text": answer.value})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_moderate(actor=request.user, answer=answer, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The answer is moderated."))
            return redirect("evaluation:moderation-list")
    return render(request, "evaluation/moderate.html", {"answer": answer, "form": form})
