"""Completion and certificates, and the public verification of a certificate."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.core import audit, ratelimit
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.core.net import client_ip
from akademia.delivery import (
    certificates,
    completion,
    confirmations,
    exports,
    forms,
    selectors,
    services,
)

# Completion and certificates ------------------------------------------------------------------


@permission_required(Capability.SEE_ATTENDANCE)
def group_completion(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Where everyone of the group (of the reader's scope) stands toward the certificate."""
    group = selectors.group_get_for(request.user, pk)
    book = completion.evaluate_group(
        group, selectors.completion_participants_for(request.user, group)
    )
    audit.viewed(request.user, group, what="delivery:group-completion", count=len(book.people))
    context = {
        "group": group,
        "book": book,
        "kinds": completion.RuleKind,
        "may_issue": can(request.user, Capability.ISSUE_CERTIFICATES, group),
        "may_set_rules": book.version is not None
        and can(request.user, Capability.SET_COMPLETION_RULES, book.version),
    }
    return render(request, "delivery/certificates/group_completion.html", context)


@permission_required(Capability.ISSUE_CERTIFICATES)
def certificates_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what issuing the group's certificates will do; POST: start the job."""
    group = selectors.group_get_for(request.user, pk)

    def act():
        job = services.certificates_issue(actor=request.user, group=group)
        return redirect("core:job-detail", pk=job.pk)

    return confirm_page(request, lambda: confirmations.certificates_issue(group), act)


def _pdf_response(certificate) -> HttpResponse:
    pdf = exports.certificate_pdf(
        certificate,
        verify_url=certificates.verification_url(certificate.number),
        form_url=certificates.verification_form_url(),
    )
    response = HttpResponse(pdf, content_type=exports.PDF_CONTENT_TYPE)
    filename = exports.certificate_filename(certificate)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An operator downloads any valid certificate of their scope, a participant their own."""
    if not (
        can(request.user, Capability.ISSUE_CERTIFICATES)
        or can(request.user, Capability.SEE_OWN_TRAINING)
    ):
        raise PermissionDenied
    certificate = selectors.certificate_download_for(request.user, pk)
    if certificate.participant.user_id != request.user.pk:  # not one's own
        audit.viewed(request.user, certificate, what="delivery:certificate-pdf")
    return _pdf_response(certificate)


@permission_required(Capability.ISSUE_CERTIFICATES)
def certificate_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    certificate = selectors.certificate_get_for(request.user, pk)
    form = forms.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not certificate.is_revoked:
        try:
            services.certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("delivery:group-completion", pk=certificate.participant.group_id)
    context = {"certificate": certificate, "form": form}
    return render(request, "delivery/certificates/revoke.html", context)


@permission_required(Capability.SET_COMPLETION_RULES)
def completion_rules(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    rules = selectors.completion_rules_of(version)
    initial = {
        name: getattr(rules, name)
        for name in forms.CompletionRulesForm.base_fields
        if hasattr(rules, name)
    }
    form = forms.CompletionRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.completion_rules_save(actor=request.user, version=version, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The completion rules are saved."))
            return redirect(request.get_full_path())
    back = url_has_allowed_host_and_scheme(
        request.GET.get("next", ""), allowed_hosts={request.get_host()}
    )
    context = {"version": version, "form": form, "next": request.GET["next"] if back else ""}
    return render(request, "delivery/certificates/completion_rules.html", context)


# The public verification page (no account) ----------------------------------------------------

VERIFY_SCOPE = "delivery.certificate_verify"


@login_not_required
@never_cache
def certificate_verify_form(request: PublicRequest) -> HttpResponse:
    """A number typed in: to its page (the form adds nothing to what the page checks)."""
    form = forms.VerifyForm(request.GET or None)
    if form.is_valid():
        number = certificates.normalise(form.cleaned_data["numer"])
        if number:
            return redirect("certificates:verify", number=number)
        form.add_error("numer", _("This is not a certificate number: check what you typed."))
    return render(request, "delivery/certificates/verify_form.html", {"form": form})


@login_not_required
@never_cache
def certificate_verify(request: PublicRequest, number: str) -> HttpResponse:
    """Valid or revoked, with what the certificate says; 404 for a number that is not one.
    The same work either way (one count, one query, one page), and a limit per client address
    against guessing."""
    address = client_ip(request)
    limit = settings.CERTIFICATE_VERIFY_LIMIT
    if ratelimit.exceeded(VERIFY_SCOPE, address, limit=limit, window=ratelimit.HOUR):
        context = {"limited": True, "limit": limit, "form": forms.VerifyForm()}
        return render(request, "delivery/certificates/verify.html", context, status=429)
    ratelimit.hit(VERIFY_SCOPE, address, window=ratelimit.HOUR)
    certificate = selectors.certificate_public(certificates.normalise(number) or number)
    context = {
        "certificate": certificate,
        "number": number,
        "form": forms.VerifyForm(initial={"numer": number}),
    }
    status = 200 if certificate is not None else 404
    return render(request, "delivery/certificates/verify.html", context, status=status)
