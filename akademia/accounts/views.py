import json

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts import selectors, services
from akademia.accounts.forms import InviteForm, LoginForm
from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability, Role
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """Setting the first password; the same signed, single-use link as a password reset."""

    template_name = "accounts/invitation_accept.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome! Your account is ready."))
        return response


def profile(request: AuthenticatedRequest):
    voivodeships = selectors.voivodeships_of(request.user)
    return render(request, "accounts/profile.html", {"voivodeships": voivodeships})


def my_data(request: AuthenticatedRequest):
    """The signed-in person's own data, everything the platform holds, as a JSON file."""
    data = services.person_data_export(actor=request.user, person=request.user)
    return _data_file(data, "moje-dane.json")


@permission_required(Capability.MANAGE_USERS)
def user_data(request: AuthenticatedRequest, pk: int):
    """A person's data for an operator of their scope (a request made on paper, say)."""
    person = selectors.user_get_for(actor=request.user, pk=pk)
    data = services.person_data_export(actor=request.user, person=person)
    return _data_file(data, f"dane-osoby-{person.pk}.json")


def _data_file(data: dict, name: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required(Capability.MANAGE_USERS)
def user_list(request: AuthenticatedRequest):
    search = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    users = selectors.user_list_for(actor=request.user, search=search, role=role)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    context = {"page": page, "search": search, "role": role, "roles": Role.choices}
    if request.htmx:
        return render(request, "accounts/user_list.html#results", context)
    return render(request, "accounts/user_list.html", context)


@permission_required(Capability.MANAGE_USERS)
def user_detail(request: AuthenticatedRequest, pk: int):
    user = selectors.user_get_for(actor=request.user, pk=pk)
    return render(
        request, "accounts/user_detail.html", {"person": user, "trail": audit.trail(user)[:20]}
    )


@permission_required(Capability.MANAGE_USERS)
def user_invite(request: AuthenticatedRequest):
    form = InviteForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("accounts:user-detail", pk=user.pk)
    return render(request, "accounts/user_invite.html", {"form": form})


@require_POST
@permission_required(Capability.MANAGE_USERS)
def user_resend(request: AuthenticatedRequest, pk: int):
    user = selectors.user_get_for(actor=request.user, pk=pk)
    try:
        services.invitation_resend(actor=request.user, user=user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Invitation sent again."))
    return redirect("accounts:user-detail", pk=user.pk)


@require_POST
@permission_required(Capability.MANAGE_USERS)
def user_verify_jst(request: AuthenticatedRequest, pk: int):
    """An operator confirms, from a document they checked, that the person acts for the JST."""
    user = selectors.user_get_for(actor=request.user, pk=pk)
    evidence = request.POST.get("evidence", "").strip()[:200]
    if not evidence:
        messages.error(request, _("Name the document you checked (e.g. the signed letter)."))
        return redirect("accounts:user-detail", pk=user.pk)
    try:
        services.user_verify_jst(actor=request.user, user=user, evidence=evidence)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The person now acts for their JST."))
    return redirect("accounts:user-detail", pk=user.pk)


@require_POST
@permission_required(Capability.MANAGE_USERS)
def user_set_active(request: AuthenticatedRequest, pk: int):
    user = selectors.user_get_for(actor=request.user, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=user, active=active)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Account activated.") if active else _("Account deactivated."))
    return redirect("accounts:user-detail", pk=user.pk)
