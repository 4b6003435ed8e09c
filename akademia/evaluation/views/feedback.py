"""The loop back: choosing open answers and low-rated items of a programme version's surveys,
sending them into a consultation round (after a confirmation page), and a comment's source."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.consultations import selectors as consultation_selectors
from akademia.core.confirm import confirm_page
from akademia.evaluation import confirmations, results, selectors, services


def _below(data) -> float:
    try:
        value = float(str(data.get("below", "")).replace(",", "."))
    except ValueError:
        return selectors.LOW_AVERAGE
    return min(max(value, 1.0), 10.0)


@permission_required(Capability.SEND_FEEDBACK)
def feedback_select(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    below = _below(request.GET)
    context = {
        "version": version,
        "candidates": selectors.feedback_candidates(request.user, version, below=below),
        "rounds": selectors.open_rounds_of(request.user, version),
        "can_open": can(request.user, Capability.OPEN_CONSULTATIONS),
        "least": results.MIN_ANSWERS,
    }
    return render(request, "evaluation/feedback/select.html", context)


def _split(value: str) -> list[str]:
    return [part for part in (value or "").split(",") if part]


@permission_required(Capability.SEND_FEEDBACK)
def feedback_send(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what sending the chosen answers does; POST: send them."""
    version = selectors.version_get_for(request.user, pk)
    data = request.POST if request.method == "POST" else request.GET
    # The selection page sends a box per answer or item; the confirmation page the lists.
    answer_ids = data.getlist("answer") or _split(data.get("answer_ids", ""))
    item_keys = data.getlist("item") or _split(data.get("item_keys", ""))
    below = _below(data)
    round_pk = data.get("round", "")
    consultation = (
        consultation_selectors.round_get_for(request.user, round_pk) if round_pk.isdigit() else None
    )
    title = data.get("title", "")[:200]
    fields = {
        "answer_ids": ",".join(answer_ids),
        "item_keys": ",".join(item_keys),
        "round": round_pk if consultation else "",
        "title": title,
        "below": str(below),
    }

    def page():
        candidates = selectors.feedback_candidates(request.user, version, below=below)
        picked = services.chosen(candidates, answer_ids, item_keys)
        return confirmations.feedback_send(request.user, version, picked, consultation, fields)

    def act():
        created = services.feedback_send(
            actor=request.user,
            version=version,
            answer_ids=answer_ids,
            item_keys=item_keys,
            consultation=consultation,
            title=title,
            below=below,
        )
        if not created:
            messages.info(request, _("These answers were sent before: nothing was added."))
            return redirect("evaluation:feedback-select", pk=version.pk)
        messages.success(
            request,
            ngettext(
                "%(count)d comment was added to the round.",
                "%(count)d comments were added to the round.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect("consultations:round-detail", pk=created[0].round_id)

    return confirm_page(request, page, act)


@permission_required(Capability.SEE_VERSION_RESULTS)
def feedback_source(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Where a comment came from: the survey, module, group and project, the question, and
    the survey's results (when the reader may see them)."""
    source = selectors.feedback_source_get_for(request.user, pk)
    context = {
        "source": source,
        "comment": source.comment,
        "sees_survey": can(request.user, Capability.SEE_SURVEY_RESULTS, source.survey),
    }
    return render(request, "evaluation/feedback/source.html", context)
