"""Tasks between meetings: the team's answers with files, the trainer's reviews."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.core.middleware import allows_large_uploads
from akademia.delivery import (
    forms,
    selectors,
    services,
)
from akademia.delivery.models import ReviewDecision

# Tasks between meetings -----------------------------------------------------------------------


@permission_required(Capability.SEE_TASKS)
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    """A team's tasks (its coordinator and participants); for trainers and operators the
    groups with what waits for a review and what is overdue."""
    team = can(request.user, Capability.SUBMIT_TASKS)
    context = {
        "team": team,
        "tasks": selectors.task_list_for(request.user) if team else [],
        "groups": [] if team else selectors.task_groups_for(request.user),
    }
    return render(request, "delivery/tasks/task_list.html", context)


@permission_required(Capability.SEE_TASKS)
def task_group(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A group's tasks: the answers waiting for the trainer's review, and every team's task
    of every module with its state (the operators' overview)."""
    group = selectors.task_group_get_for(request.user, pk)
    context = {
        "group": group,
        "table": selectors.task_table_for(request.user, group),
        "reviewer": can(request.user, Capability.REVIEW_TASKS, group),
    }
    return render(request, "delivery/tasks/task_group.html", context)


def _file_help() -> str:
    return ngettext(
        "At most %(count)d file, up to %(limit)s: PDF, DOCX, XLSX, ODT, PNG or JPEG.",
        "At most %(count)d files, each up to %(limit)s: PDF, DOCX, XLSX, ODT, PNG or JPEG.",
        settings.TASK_FILES_MAX,
    ) % {
        "count": settings.TASK_FILES_MAX,
        "limit": filesizeformat(settings.TASK_FILE_MAX_BYTES),
    }


def _task_upload_limit() -> int:
    """The largest answer: every file at its limit, and room for the text and the form."""
    return settings.TASK_FILES_MAX * settings.TASK_FILE_MAX_BYTES + 1024 * 1024


@allows_large_uploads(_task_upload_limit)
@permission_required(Capability.SEE_TASKS)
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The task, every round sent with its files and the trainer's feedback; the team's form
    for its answer (POST sends it)."""
    assignment = selectors.task_get_for(request.user, pk)
    may_submit = not services.task_submit_blocker(assignment) and can(
        request.user, Capability.SUBMIT_TASKS, assignment
    )
    form = forms.TaskSubmitForm(request.POST or None, request.FILES or None, file_help=_file_help())
    if request.method == "POST":
        if not can(request.user, Capability.SUBMIT_TASKS):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.task_submit(
                    actor=request.user,
                    assignment=assignment,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["files"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your answer is sent to the trainer."))
                return redirect("delivery:task-detail", pk=assignment.pk)
        may_submit = True  # show the refusal on the form that was sent
    context = {
        "task": assignment,
        "rounds": selectors.task_rounds(assignment),
        "form": form,
        "may_submit": may_submit,
        "may_review": not services.task_review_blocker(assignment)
        and can(request.user, Capability.REVIEW_TASKS, assignment),
        "refusal": services.task_submit_blocker(assignment),
    }
    return render(request, "delivery/tasks/task_detail.html", context)


@permission_required(Capability.REVIEW_TASKS)
def task_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The trainer's review of the latest answer: accept it, or return it with feedback."""
    assignment = selectors.task_get_for(request.user, pk)
    form = forms.TaskReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.task_review(
                actor=request.user, assignment=assignment, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            done = (
                _("The answer is accepted.")
                if review.decision == ReviewDecision.ACCEPTED
                else _("The answer is returned to the team with your feedback.")
            )
            messages.success(request, done)
            return redirect("delivery:task-group", pk=assignment.group_id)
    context = {
        "task": assignment,
        "rounds": selectors.task_rounds(assignment),
        "form": form,
        "refusal": services.task_review_blocker(assignment),
    }
    return render(request, "delivery/tasks/task_review.html", context)


@permission_required(Capability.SEE_TASKS)
def task_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A file of an answer, to whoever may read its task: always a download under the name it
    was sent with, never shown in the browser's window (nosniff: the type is not guessed)."""
    row = selectors.task_file_get_for(request.user, pk)
    audit.viewed(request.user, row, what="delivery:task-file")
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=row.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
