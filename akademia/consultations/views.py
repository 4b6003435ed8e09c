"""Rounds, meetings, comments, blocks, duplicates, reviews and decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.decorators import capability_required
from akademia.accounts.roles import Capability, has_capability
from akademia.consultations import selectors, services
from akademia.consultations.forms import (
    BlockForm,
    CommentEditForm,
    DecisionForm,
    DecisionStateForm,
    MeetingForm,
    ParticipantForm,
    ReviewForm,
    RoundForm,
)
from akademia.consultations.models import Block, DecisionState, RoundStatus
from akademia.consultations.trace import next_version_changes
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error


@capability_required(Capability.VIEW_CONSULTATIONS)
def round_list(request):
    rounds = selectors.round_list_for(request.user)
    can_create = has_capability(request.user, Capability.OPEN_CONSULTATIONS)
    return render(
        request, "consultations/round_list.html", {"rounds": rounds, "can_create": can_create}
    )


@capability_required(Capability.OPEN_CONSULTATIONS)
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.round_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("consultations:round-detail", pk=consultation.pk)
    return render(request, "consultations/round_create.html", {"form": form})


@capability_required(Capability.VIEW_CONSULTATIONS)
def round_detail(request, pk: int):
    consultation = selectors.round_get_for(request.user, pk)
    comments = selectors.comment_list_for(request.user, consultation)
    block = request.GET.get("block", "")
    if block:
        comments = comments.filter(block__code=block)
    if request.GET.get("unconfirmed"):
        comments = comments.filter(block_confirmed=False)
    context = {
        "consultation": consultation,
        "comments": comments,
        "blocks": Block.objects.filter(active=True),
        "chosen_block": block,
        "is_operator": has_capability(request.user, Capability.RUN_CONSULTATIONS),
        "sees_all": selectors.sees_all_comments(request.user, consultation),
        "statuses": RoundStatus.choices,
        "can_set_status": has_capability(request.user, Capability.SET_ROUND_STATUS),
    }
    template = "consultations/round_detail.html"
    return render(request, f"{template}#comments" if request.htmx else template, context)


@require_POST
@capability_required(Capability.SET_ROUND_STATUS)
def round_status(request, pk: int):
    consultation = selectors.round_get_for(request.user, pk)
    status = request.POST.get("status", "")
    if status not in RoundStatus.values:
        messages.error(request, _("Unknown status."))
    else:
        services.round_set_status(actor=request.user, consultation=consultation, status=status)
        messages.success(request, _("Status changed."))
    return redirect("consultations:round-detail", pk=consultation.pk)


@capability_required(Capability.RUN_CONSULTATIONS)
def meeting_add(request, pk: int):
    consultation = selectors.round_get_for(request.user, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_add(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("consultations:meeting-detail", pk=meeting.pk)
    return render(
        request, "consultations/meeting_add.html", {"form": form, "consultation": consultation}
    )


@capability_required(Capability.RUN_CONSULTATIONS)
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get_for(request.user, pk)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.participant_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Participant added."))
        return redirect("consultations:meeting-detail", pk=meeting.pk)
    entry_url = request.build_absolute_uri(
        reverse("consultations:meeting-entry", args=[meeting.entry_token])
    )
    return render(
        request,
        "consultations/meeting_detail.html",
        {"meeting": meeting, "form": form, "entry_url": entry_url},
    )


@require_POST
@capability_required(Capability.RUN_CONSULTATIONS)
def comment_block(request, pk: int):
    """One click: confirm the suggested block, or pick another."""
    comment = selectors.comment_get_for(request.user, pk)
    block = get_object_or_404(Block, code=request.POST.get("block", ""), active=True)
    services.block_set(actor=request.user, comment=comment, block=block)
    if request.htmx:
        comment = selectors.comment_get_for(request.user, pk)
        return render(
            request,
            "consultations/_comment_row.html",
            {"comment": comment, "blocks": Block.objects.filter(active=True), "is_operator": True},
        )
    return redirect("consultations:round-detail", pk=comment.round_id)


@capability_required(Capability.VIEW_CONSULTATIONS)
def comment_edit(request, pk: int):
    comment = selectors.comment_get_for(request.user, pk)
    if not services.can_edit_comment(request.user, comment):
        raise PermissionDenied
    form = CommentEditForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(actor=request.user, comment=comment, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Comment saved."))
            return redirect("consultations:round-detail", pk=comment.round_id)
    return render(request, "consultations/comment_edit.html", {"form": form, "comment": comment})


@require_POST
@capability_required(Capability.RUN_CONSULTATIONS)
def round_regroup(request, pk: int):
    consultation = selectors.round_get_for(request.user, pk)
    count = services.duplicates_regroup(actor=request.user, consultation=consultation)
    messages.success(request, _("Groups of near-duplicates found: %(count)d.") % {"count": count})
    return redirect("consultations:review", pk=consultation.pk)


@require_POST
@capability_required(Capability.RUN_CONSULTATIONS)
def comment_group(request, pk: int):
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


@capability_required(Capability.RUN_CONSULTATIONS)
def review(request, pk: int):
    """Comments block by block, near-duplicates together, each with its decision form."""
    consultation = selectors.round_get_for(request.user, pk)
    target, changes = next_version_changes(consultation)
    comments = selectors.comment_list_for(request.user, consultation).order_by(
        "block__order", "group_id", "number"
    )
    rows = [
        (
            comment,
            DecisionForm(
                consultation=consultation,
                changes=changes,
                prefix=f"c{comment.pk}",
                initial=_initial(comment),
            ),
        )
        for comment in comments
    ]
    return render(
        request,
        "consultations/review.html",
        {
            "consultation": consultation,
            "rows": rows,
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
@capability_required(Capability.RUN_CONSULTATIONS)
def decision_record(request, pk: int):
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
@capability_required(Capability.RUN_CONSULTATIONS)
def review_add(request, pk: int):
    consultation = selectors.round_get_for(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.review_add(actor=request.user, consultation=consultation, **form.cleaned_data)
        messages.success(request, _("Review meeting added."))
    else:
        messages.error(request, _("The review meeting was not added: check its title and dates."))
    return redirect("consultations:review", pk=consultation.pk)


@capability_required(Capability.VIEW_CONSULTATIONS)
def round_changes(request, pk: int):
    """The diff to the next version, each change with the comments that caused it."""
    consultation = selectors.round_get_for(request.user, pk)
    if not selectors.sees_all_comments(request.user, consultation):
        raise PermissionDenied
    target, changes = next_version_changes(consultation)
    decisions = selectors.decisions_by_path(consultation)
    return render(
        request,
        "consultations/round_changes.html",
        {
            "consultation": consultation,
            "target": target,
            "rows": [(change, decisions.get(change.path, [])) for change in changes],
        },
    )


@capability_required(Capability.MANAGE_TAXONOMY)
def taxonomy(request):
    """The thematic blocks and the kinds of decision, editable by the national operator."""
    block_form = BlockForm(request.POST or None, prefix="block")
    state_form = DecisionStateForm(request.POST or None, prefix="state")
    if request.method == "POST":
        form, save = (
            (block_form, lambda d: services.block_save(actor=request.user, block=None, **d))
            if "block-code" in request.POST
            else (state_form, lambda d: services.decision_state_add(actor=request.user, **d))
        )
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("consultations:taxonomy")
    return render(
        request,
        "consultations/taxonomy.html",
        {
            "blocks": Block.objects.select_related("parent"),
            "states": DecisionState.objects.all(),
            "block_form": block_form,
            "state_form": state_form,
        },
    )
