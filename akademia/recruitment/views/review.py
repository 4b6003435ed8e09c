"""Operators' review of an application (and the pages a coordinator shares with them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.recruitment import forms, selectors, services
from akademia.recruitment.models import SELECTABLE, CriterionCode


def _require_reader(user) -> None:
    """An application is read by the operators who review it and by its JST's coordinator
    (which applications, their selector decides): anyone else gets 403."""
    if not (can(user, Capability.RUN_RECRUITMENT) or can(user, Capability.FOLLOW_OWN_APPLICATIONS)):
        raise PermissionDenied


def application_detail(request: AuthenticatedRequest, pk: int):
    _require_reader(request.user)
    application = selectors.application_get_for(request.user, pk)
    audit.viewed(request.user, application, what="recruitment:application-detail")
    operator = can(request.user, Capability.RUN_RECRUITMENT, application)
    context = {
        "application": application,
        "operator": operator,
        "problems": services.submission_problems(application),
        # Labels in the reader's language (the stored ones are in the language of the scoring).
        "score_parts": [
            {**part, "label": CriterionCode(part["code"]).label} for part in application.score_parts
        ],
        "trail": audit.trail(application) if operator else [],
        "corrections_form": forms.CorrectionsForm(),
        "score_form": forms.ScoreForm(initial={"points": application.manual_points}),
        "override_form": forms.OverrideForm(
            initial={"override": application.override, "reason": application.override_reason}
        ),
        "has_manual": application.call.criteria.filter(code=CriterionCode.MANUAL).exists(),
        "selectable": application.status in SELECTABLE,
    }
    return render(request, "recruitment/application_detail.html", context)


def application_letter(request: AuthenticatedRequest, pk: int):
    _require_reader(request.user)
    application = selectors.application_get_for(request.user, pk)
    if not application.letter:
        raise Http404
    audit.viewed(request.user, application, what="recruitment:application-letter")
    return FileResponse(
        application.letter.open("rb"),
        as_attachment=True,
        filename=application.letter_name or "list-intencyjny.pdf",
        content_type="application/pdf",
    )


def _review_action(request: AuthenticatedRequest, pk: int, action):
    application = selectors.application_get_for(request.user, pk)
    try:
        action(application)
    except DomainError as error:
        for _field, message in getattr(error, "problems", [(None, error.message)]):
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("recruitment:application-detail", pk=application.pk)


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def application_complete(request: AuthenticatedRequest, pk: int):
    return _review_action(
        request,
        pk,
        lambda a: services.application_mark_complete(actor=request.user, application=a),
    )


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def application_verify_coordinator(request: AuthenticatedRequest, pk: int):
    """Asked on the application page with a confirmation box that says what it grants."""
    application = selectors.application_get_for(request.user, pk)
    if request.POST.get("checked") != "1":
        messages.error(request, _("Tick the box to confirm that you checked the signed letter."))
        return redirect("recruitment:application-detail", pk=application.pk)
    return _review_action(
        request,
        pk,
        lambda a: services.application_verify_coordinator(actor=request.user, application=a),
    )


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def application_corrections(request: AuthenticatedRequest, pk: int):
    note = request.POST.get("note", "")
    return _review_action(
        request,
        pk,
        lambda a: services.application_request_corrections(
            actor=request.user, application=a, note=note
        ),
    )


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def application_score(request: AuthenticatedRequest, pk: int):
    form = forms.ScoreForm(request.POST)
    points = form.cleaned_data.get("points") if form.is_valid() else -1

    def score(application):
        if points == -1:
            raise DomainError(_("Give from 0 to 10 points."))
        services.application_set_manual_points(
            actor=request.user, application=application, points=points
        )

    return _review_action(request, pk, score)


@require_POST
@permission_required(Capability.RUN_RECRUITMENT)
def application_override(request: AuthenticatedRequest, pk: int):
    form = forms.OverrideForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"override": "?", "reason": ""}
    return _review_action(
        request,
        pk,
        lambda a: services.application_set_override(
            actor=request.user, application=a, override=data["override"], reason=data["reason"]
        ),
    )
