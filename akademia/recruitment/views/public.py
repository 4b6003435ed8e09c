"""Public pages: the open calls and the JST's application (no account needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from akademia.accounts.permissions import can
from akademia.accounts.roles import Capability
from akademia.accounts.types import PublicRequest
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.recruitment import confirm_limits, forms, selectors, services

LETTER_NOT_KEPT = gettext_lazy(
    "The file was not saved, because the application could not be saved: choose it again."
)


def _applies_for_a_jst(request: PublicRequest) -> bool:
    """A signed-in JST coordinator: the pages say where their JST stands before the form."""
    return can(request.user, Capability.FOLLOW_OWN_APPLICATIONS)


@login_not_required
def open_calls(request: PublicRequest):
    if _applies_for_a_jst(request):
        standings = selectors.calls_open_to(request.user)
    else:
        standings = [selectors.Standing(call=call) for call in selectors.open_calls()]
    return render(request, "recruitment/open_calls.html", {"standings": standings})


@login_not_required
def application_create(request: PublicRequest, pk: int):
    call = selectors.open_call_get(pk)
    standing = selectors.call_open_to(request.user, call) if _applies_for_a_jst(request) else None
    if standing is not None and not standing.may_apply:
        # Said before the form: their JST may not apply, or already has.
        return render(request, "recruitment/application_form.html", _context(call, standing))
    return _application_page(request, call, None, standing=standing)


@login_not_required
@never_cache
def application_edit(request: PublicRequest, token):
    application = selectors.application_by_token(token)
    if not application.is_editable:
        return render(request, "recruitment/application_status.html", {"application": application})
    return _application_page(request, application.call, application)


def _problems_to_forms(error, form, team_errors: list) -> None:
    for field, message in getattr(error, "problems", [(error.field, error.message)]):
        if field in form.fields:
            form.add_error(field, message)
        elif field == "team":
            team_errors.append(message)
        else:
            form.add_error(None, message)


def _context(call, standing, **context) -> dict:
    return {"call": call, "standing": standing} | context


def _prefill(request: PublicRequest) -> dict:
    """A signed-in coordinator applies for their JST, as themselves (they may change it)."""
    user = request.user
    return {
        "jst": user.jst.code,
        "coordinator_name": user.full_name,
        "coordinator_email": user.email,
    }


def _application_page(request: PublicRequest, call, application, standing=None):
    """One page for a new application and for a draft: save a draft, or submit.

    A failed submit keeps everything typed; when the JST, the coordinator and the file are
    acceptable the draft is stored first, so the uploaded letter is kept too. A refused file
    stores nothing, and a file sent with a form that could not be stored is asked for again.
    """
    initial = _prefill(request) if standing is not None else None
    form = forms.ApplicationForm(
        request.POST or None,
        request.FILES or None,
        call=call,
        application=application,
        **({"initial": initial} if initial else {}),
    )
    team = forms.team_formset(request.POST or None, call=call, application=application)
    team_errors: list[str] = []
    confirming = False
    letter_kept = False
    if request.method == "POST" and form.draft_ready():
        email = form.cleaned_data["coordinator_email"]
        confirming = services.confirmation_due(application, email)
        if confirming and (reason := confirm_limits.refusal(request, email)):
            form.add_error("coordinator_email", reason)  # so the draft is not ready any more
    if request.method == "POST" and form.draft_ready():
        team_ok = team.is_valid()
        rows = [row for row in (f.row() for f in team.forms) if row]
        try:
            application = services.application_save(
                call=call, data=form.data_for(rows), application=application, actor=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            letter_kept = True
            if confirming:
                confirm_limits.count(request, application.coordinator_email)
            submit = "submit" in request.POST
            if form.is_valid() and team_ok:
                if not submit:
                    messages.success(request, _("The draft is saved."))
                    return redirect("recruitment:application-edit", token=application.token)
                try:
                    services.application_submit(application=application, actor=request.user)
                except services.ApplicationIncomplete as error:
                    _problems_to_forms(error, form, team_errors)
                else:
                    messages.success(request, _submitted_message(application))
                    return redirect("recruitment:application-edit", token=application.token)
            # Re-render at the draft's own address, so the next post updates it.
            form.show_saved(application)
    if request.FILES.get("letter") and not letter_kept and not form.has_error("letter"):
        # A browser never fills a file input again: say so, rather than let it look attached.
        form.add_error("letter", LETTER_NOT_KEPT)
    unsaved_rows = [
        number for number, member in enumerate(team.forms, 1) if team.is_bound and member.errors
    ]
    context = _context(
        call,
        standing,
        application=application,
        form=form,
        team=team,
        team_errors=team_errors,
        unsaved_rows=unsaved_rows,
        incomplete=bool(form.errors or team_errors or unsaved_rows),
    )
    return render(request, "recruitment/application_form.html", context)


def _submitted_message(application) -> str:
    if application.email_confirmed_at:
        return _("The application is submitted.")
    return _(
        "The application is submitted. We have sent a link to confirm the e-mail address to "
        "%(email)s: the application goes to review once it is confirmed."
    ) % {"email": application.coordinator_email}


@login_not_required
@never_cache
def application_confirm(request: PublicRequest, code: str):
    try:
        application = services.application_for_code(code)
    except DomainError as error:
        return render(request, "recruitment/confirm_failed.html", {"error": error}, status=400)
    user = services.application_confirm_email(actor=SYSTEM, application=application)
    return render(
        request, "recruitment/confirmed.html", {"application": application, "account": user}
    )
