"""Rounds, their meetings and comments: the list, the round page, blocks, editing a comment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.consultations import confirmations, selectors, services
from akademia.consultations.forms import CommentEditForm, MeetingForm, ParticipantForm, RoundForm
from akademia.consultations.models import RoundStatus
from akademia.consultations.origins import origins_of
from akademia.consultations.trace import next_version_changes
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error

# Rounds -------------------------------------------------------------------------------------


@permission_required(Capability.VIEW_CONSULTATIONS)
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    context = {
        "rounds": selectors.round_list_for(request.user, status),
        "can_create": can(request.user, Capability.OPEN_CONSULTATIONS),
        "statuses": RoundStatus.choices,
        "status": status if status in RoundStatus.values else "",
    }
    return render(request, "consultations/round_list.html", context)


@permission_required(Capability.OPEN_CONSULTATIONS)
def round_create(request: AuthenticatedRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.round_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("consultations:round-detail", pk=consultation.pk)
    return render(request, "consultations/round_create.html", {"form": form})


COMMENTS_PAGE = 100


@permission_required(Capability.VIEW_CONSULTATIONS)
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = selectors.round_get_for(request.user, pk)
    comments = selectors.comment_list_for(request.user, consultation)
    block = request.GET.get("block", "")
    if block:
        comments = comments.filter(block__code=block)
    if request.GET.get("unconfirmed"):
        comments = comments.filter(block_confirmed=False)
    if request.GET.get("undecided"):
        comments = comments.filter(decision__isnull=True)
    context = {
        "consultation": consultation,
        # A national round has thousands of comments: a page at a time.
        "page": Paginator(comments.order_by("number"), COMMENTS_PAGE).get_page(
            request.GET.get("page")
        ),
        "blocks": selectors.blocks_active(),
        "chosen_block": block,
        "unconfirmed": bool(request.GET.get("unconfirmed")),
        "undecided": bool(request.GET.get("undecided")),
        "is_operator": can(request.user, Capability.RUN_CONSULTATIONS, consultation),
        "is_closed": consultation.status == RoundStatus.CLOSED,
        "sees_all": can(request.user, Capability.SEE_ALL_COMMENTS, consultation),
        "statuses": RoundStatus.choices,
        "can_set_status": can(request.user, Capability.SET_ROUND_STATUS, consultation),
    }
    template = "consultations/round_detail.html"
    return render(request, f"{template}#comments" if request.htmx else template, context)


@require_POST
@permission_required(Capability.SET_ROUND_STATUS)
def round_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Collecting or under review; closing publishes the report, so it asks first."""
    consultation = selectors.round_get_for(request.user, pk)
    status = request.POST.get("status", "")
    if status == RoundStatus.CLOSED:
        return redirect("consultations:round-close", pk=consultation.pk)
    if status not in RoundStatus.values:
        messages.error(request, _("Unknown status."))
    else:
        services.round_set_status(actor=request.user, consultation=consultation, status=status)
        messages.success(request, _("Status changed."))
    return redirect("consultations:round-detail", pk=consultation.pk)


@permission_required(Capability.SET_ROUND_STATUS)
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what closing publishes (docs/confirmations.md); POST: close the round."""
    consultation = selectors.round_get_for(request.user, pk)
    public_url = request.build_absolute_uri(
        reverse("consultations:round-public", args=[consultation.pk])
    )

    def act():
        services.round_set_status(
            actor=request.user, consultation=consultation, status=RoundStatus.CLOSED
        )
        messages.success(request, _("The round is closed and its report is public."))
        return redirect("consultations:round-detail", pk=consultation.pk)

    return confirm_page(request, lambda: confirmations.round_close(consultation, public_url), act)


@permission_required(Capability.SEE_ALL_COMMENTS)
def round_changes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The diff to the next version, each change with the comments that caused it."""
    consultation = selectors.round_get_for(request.user, pk)
    target, changes = next_version_changes(consultation)
    decisions = selectors.decisions_by_path(consultation)
    # Comments that came from elsewhere (survey answers) lead back to their source.
    origins = origins_of(d.comment for found in decisions.values() for d in found)
    return render(
        request,
        "consultations/round_changes.html",
        {
            "consultation": consultation,
            "target": target,
            "rows": [
                (change, [(d, origins.get(d.comment_id, [])) for d in decisions.get(c_path, [])])
                for change, c_path in ((change, change.path) for change in changes)
            ],
        },
    )


# Meetings -----------------------------------------------------------------------------------


@permission_required(Capability.RUN_CONSULTATIONS)
def meeting_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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


@permission_required(Capability.RUN_CONSULTATIONS)
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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


# Comments -----------------------------------------------------------------------------------


@require_POST
@permission_required(Capability.RUN_CONSULTATIONS)
def comment_block(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One click: confirm the suggested block, or pick another."""
    comment = selectors.comment_get_for(request.user, pk)
    block = selectors.block_get_active(request.POST.get("block", ""))
    services.block_set(actor=request.user, comment=comment, block=block)
    if request.htmx:
        comment = selectors.comment_get_for(request.user, pk)
        return render(
            request,
            "consultations/_comment_row.html",
            {"comment": comment, "blocks": selectors.blocks_active(), "is_operator": True},
        )
    return redirect("consultations:round-detail", pk=comment.round_id)


@permission_required(Capability.EDIT_COMMENT)
def comment_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_for(request.user, pk)
    if not can(request.user, Capability.EDIT_COMMENT, comment):
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
