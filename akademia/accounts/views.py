import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from akademia.accounts import selectors, services, two_factor
from akademia.accounts.forms import InviteForm, LoginForm, TwoFactorCodeForm
from akademia.accounts.models import User
from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability, Role
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import audit, retention
from akademia.core.confirm import Confirmation, confirm_page
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
    context = {"voivodeships": voivodeships, "two_factor": two_factor.may_use(request.user)}
    if context["two_factor"]:
        context["two_factor_on"] = selectors.has_authenticator(request.user)
        context["recovery_codes_left"] = selectors.recovery_codes_left(request.user)
    return render(request, "accounts/profile.html", context)


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
    audit.viewed(request.user, User, what="accounts:user-list", count=len(page.object_list))
    context = {"page": page, "search": search, "role": role, "roles": Role.choices}
    if request.htmx:
        return render(request, "accounts/user_list.html#results", context)
    return render(request, "accounts/user_list.html", context)


@permission_required(Capability.MANAGE_USERS)
def user_detail(request: AuthenticatedRequest, pk: int):
    user = selectors.user_get_for(actor=request.user, pk=pk)
    audit.viewed(request.user, user, what="accounts:user-detail")
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


# two-factor authentication (issue #16, accounts/two_factor.py) -----------------------------


def _with_next(request, name: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    url = reverse(name)
    return f"{url}?{urlencode({'next': target})}" if target else url


@permission_required(Capability.USE_TWO_FACTOR)
def two_factor_setup(request: AuthenticatedRequest):
    """Turn on two-step verification: the app reads the QR code (or the secret typed in), and
    a code it shows confirms it. The secret waits in the session until then."""
    if selectors.has_authenticator(request.user):
        messages.info(request, _("Two-step verification is already on."))
        return redirect(two_factor.next_url(request, "accounts:profile"))
    key = request.session.get(two_factor.PENDING_KEY) or two_factor.new_key()
    request.session[two_factor.PENDING_KEY] = key
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_enable(
                actor=request.user, key=key, token=form.cleaned_data["token"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            otp_login(request, device)
            request.session.pop(two_factor.PENDING_KEY, None)
            request.session[two_factor.NEW_CODES] = codes
            messages.success(request, _("Two-step verification is on."))
            return redirect(_with_next(request, "accounts:two-factor-codes"))
    device = two_factor.unsaved_device(request.user, key)
    context = {
        "form": form,
        "qr": two_factor.qr_svg(device, _("QR code to scan with your authenticator app")),
        "secret": two_factor.secret_text(device),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@permission_required(Capability.USE_TWO_FACTOR)
def two_factor_codes(request: AuthenticatedRequest):
    """The recovery codes just made, shown this once (they are kept only as used or not)."""
    codes = request.session.pop(two_factor.NEW_CODES, None)
    if not codes:
        messages.info(request, _("Your recovery codes were shown once, when they were made."))
        return redirect("accounts:profile")
    context = {
        "codes": [two_factor.grouped(code) for code in codes],
        "next": two_factor.next_url(request),
    }
    return render(request, "accounts/two_factor_codes.html", context)


@permission_required(Capability.USE_TWO_FACTOR)
def two_factor_verify(request: AuthenticatedRequest):
    """The second step after signing in: a code of the app, or a recovery code."""
    if request.user.is_verified():
        return redirect(two_factor.next_url(request))
    if not selectors.has_authenticator(request.user):
        return redirect(_with_next(request, "accounts:two-factor-setup"))
    form = TwoFactorCodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(
                actor=request.user, token=form.cleaned_data["token"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if device is None:
                form.add_error(
                    "token",
                    _(
                        "This code is not right. Type the code your app shows now, "
                        "or an unused recovery code."
                    ),
                )
            else:
                otp_login(request, device)
                if not isinstance(device, TOTPDevice):
                    left = selectors.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        ngettext(
                            "You used a recovery code; %(count)d is left. "
                            "Make new ones on My account.",
                            "You used a recovery code; %(count)d are left. "
                            "Make new ones on My account.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(two_factor.next_url(request))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "accounts/two_factor_verify.html", context)


@permission_required(Capability.USE_TWO_FACTOR)
def recovery_codes_regenerate(request: AuthenticatedRequest):
    """New recovery codes, asked first: the old ones stop working."""

    def confirmation() -> Confirmation:
        return Confirmation(
            title=_("Make new recovery codes?"),
            button=_("Make new recovery codes"),
            back=(reverse("accounts:profile"), _("My account")),
            effects=[
                _("You get 10 new recovery codes, shown once on the next page."),
            ],
            final=[_("Your current recovery codes stop working at once, used or not.")],
            refusal=services.recovery_codes_regenerate_blocker(request.user),
        )

    def act():
        codes = services.recovery_codes_regenerate(actor=request.user)
        request.session[two_factor.NEW_CODES] = codes
        messages.success(request, _("New recovery codes are made; the old ones no longer work."))
        return redirect("accounts:two-factor-codes")

    return confirm_page(request, confirmation, act)


# retention and erasure (issue #16, core/retention.py) --------------------------------------


@permission_required(Capability.MANAGE_RETENTION)
def retention_review(request: AuthenticatedRequest):
    """What has passed its retention period, reviewed by the national operator and confirmed:
    the job anonymises what this page listed (the day's cutoff is posted with the button)."""
    today = timezone.localdate()

    def confirmation() -> Confirmation:
        found = retention.review(today)
        effects = [
            ngettext(
                "%(name)s: %(count)d record whose retention ended is anonymised.",
                "%(name)s: %(count)d records whose retention ended are anonymised.",
                row.count,
            )
            % {"name": row.name, "count": row.count}
            for row in found.rows
        ]
        if found.accounts:
            effects.append(
                ngettext(
                    "%(count)d account no longer used, all of whose records expired, is "
                    "anonymised and deactivated.",
                    "%(count)d accounts no longer used, all of whose records expired, are "
                    "anonymised and deactivated.",
                    found.accounts,
                )
                % {"count": found.accounts}
            )
        return Confirmation(
            title=_("Anonymise personal data whose retention has ended?"),
            button=_("Anonymise"),
            back=(reverse("core:home"), _("Home page")),
            effects=effects,
            warnings=[
                _(
                    "A project's records are kept until 31 December of the %(years)s. year after "
                    "the year the project ends (art. 82 of Regulation 2021/1060: five years from "
                    "the end of the year of the last payment, assumed %(lag)s year(s) after the "
                    "project's end). Today this covers the records of projects that ended "
                    "before %(cutoff)s."
                )
                % {
                    "years": settings.RETENTION_YEARS + settings.RETENTION_PAYMENT_LAG_YEARS,
                    "lag": settings.RETENTION_PAYMENT_LAG_YEARS,
                    "cutoff": found.cutoff.strftime("%d.%m.%Y"),
                },
                _(
                    "Names, e-mail addresses, free texts and links to accounts are replaced and "
                    "files are deleted; states, dates and numbers stay, so every report's "
                    "figures stay the same."
                ),
            ],
            final=[_("Anonymised data and deleted files cannot be restored.")],
            refusal="" if found.total else _("Nothing has passed its retention period today."),
            fields={"today": today.isoformat()},
        )

    def act():
        try:
            reviewed = date.fromisoformat(request.POST.get("today", ""))
        except ValueError:
            reviewed = today
        job = services.retention_start(actor=request.user, today=min(reviewed, today))
        return redirect("core:job-detail", pk=job.pk)

    return confirm_page(request, confirmation, act)


def my_erasure(request: AuthenticatedRequest):
    """The person asks for their data to be erased (art. 17 RODO)."""
    return _erasure(request, request.user, back=(reverse("accounts:profile"), _("My account")))


@permission_required(Capability.MANAGE_USERS)
def user_erasure(request: AuthenticatedRequest, pk: int):
    """An operator records a person's erasure request (made on paper, say)."""
    person = selectors.user_get_for(actor=request.user, pk=pk)
    back = (reverse("accounts:user-detail", args=[person.pk]), str(person))
    return _erasure(request, person, back=back)


def _erasure(request, person, *, back):
    def confirmation() -> Confirmation:
        refused = retention.refusal(person, timezone.localdate())
        warnings = [refused.reason] if refused else []
        return Confirmation(
            title=_("Erase the personal data of %(name)s?") % {"name": person.full_name},
            button=_("Request erasure"),
            back=back,
            effects=[
                _(
                    "While records about the person (or that they made) must be kept by the EU "
                    "funds rules, the request is refused and the refusal is recorded with its "
                    "reason."
                ),
                _(
                    "Otherwise the names, e-mail addresses, free texts and files about the "
                    "person are anonymised, and the account is anonymised and deactivated."
                ),
            ],
            warnings=warnings,
            final=[_("Anonymised data cannot be restored.")],
        )

    def act():
        result = services.person_erasure(actor=request.user, person=person)
        if not result.done:
            messages.error(request, result.reason)
            return redirect(back[0])
        messages.success(request, _("The personal data are anonymised."))
        if person == request.user:
            auth_logout(request)
            return redirect("core:home")
        return redirect("accounts:user-detail", pk=person.pk)

    return confirm_page(request, confirmation, act)
