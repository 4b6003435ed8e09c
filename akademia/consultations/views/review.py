"""The review of a round: near-duplicates, review meetings and a decision on every comment."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.consultations import selectors, services
from akademia.consultations.forms import DecisionForm, ReviewForm
from akademia.consultations.trace import next_version_changes
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error

REVIEW_PAGE = 25


@permission_required(Capability.RUN_CONSULTATIONS)
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Comments block by block, near-duplicates together, each with its decision form."""
    consultation = selectors.round_get_for(request.user, pk)
    target, changes = next_version_changes(consultation)
    comments = selectors.comment_list_for(request.user, consultation)
    order = ("block__order", "group_id", "number", "pk")
    # A national round has thousands of comments: a page at a time, the same queries per page.
    # The page's ids are chosen by a narrow query (the order needs the block only); only those
    # 50 rows are then read with everything they show, instead of joining seven tables for
    # every comment of the round to keep 50 of them.
    page = Paginator(comments.order_by(*order).values_list("pk", flat=True), REVIEW_PAGE)
    page = page.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rank = {pk: index for index, pk in enumerate(ids)}
    page.object_list = sorted(comments.filter(pk__in=ids), key=lambda comment: rank[comment.pk])
    choices = selectors.decision_choices(consultation)
    rows = [
        (
            comment,
            DecisionForm(
                consultation=consultation,
                changes=changes,
                choices=choices,
                prefix=f"c{comment.pk}",
                initial=_initial(comment),
            ),
        )
        for comment in page
    ]
    return render(
        request,
        "consultations/review.html",
        {
            "consultation": consultation,
            "rows": rows,
            "page": page,
            "target": target,
            "review_form": ReviewForm(),
        },
    )


def _initial(comment) -> dict:
    decision = getattr(comment, "decision", None)
    if decision is None:
        return {}
    return {
        "state": decision.state_id,
        "rationale": decision.rationale,
        "reflection": decision.reflection,
        "review": decision.review_id,
        "change_paths": decision.change_paths,
    }


@require_POST
@permission_required(Capability.RUN_CONSULTATIONS)
def round_regroup(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = selectors.round_get_for(request.user, pk)
    count = services.duplicates_regroup(actor=request.user, consultation=consultation)
    messages.success(request, _("Groups of near-duplicates found: %(count)d.") % {"count": count})
    return redirect("consultations:review", pk=consultation.pk)


@require_POST
@permission_required(Capability.RUN_CONSULTATIONS)
def comment_group(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Merge the ticked comments into one group, or take one comment out of its group."""
    consultation = selectors.round_get_for(request.user, pk)
    comments = list(
        selectors.comment_list_for(request.user, consultation).filter(
            pk__in=request.POST.getlist("comments")
        )
    )
    try:
        if request.POST.get("action") == "leave" and len(comments) == 1:
            services.group_leave(actor=request.user, comment=comments[0])
        else:
            services.group_merge(actor=request.user, comments=comments)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("consultations:review", pk=consultation.pk)


@require_POST
@permission_required(Capability.DECIDE_COMMENTS)
def decision_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_for(request.user, pk)
    consultation = comment.round
    target, changes = next_version_changes(consultation)
    form = DecisionForm(
        request.POST, consultation=consultation, changes=changes, prefix=f"c{comment.pk}"
    )
    saved = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_record(
                actor=request.user,
                comment=comment,
                change_version=target if data["change_paths"] else None,
                **data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            saved = True
    comment = selectors.comment_get_for(request.user, pk)
    context = {"comment": comment, "form": form, "saved": saved, "consultation": consultation}
    if request.htmx:
        return render(request, "consultations/_decision.html", context)
    if saved:
        return redirect("consultations:review", pk=consultation.pk)
    return render(request, "consultations/decision_form.html", context)


@require_POST
@permission_required(Capability.RUN_CONSULTATIONS)
def review_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = selectors.round_get_for(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.review_add(actor=request.user, consultation=consultation, **form.cleaned_data)
        messages.success(request, _("Review meeting added."))
    else:
        messages.error(request, _("The review meeting was not added: check its title and dates."))
    return redirect("consultations:review", pk=consultation.pk)
