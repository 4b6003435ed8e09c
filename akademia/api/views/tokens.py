"""A person's API tokens, on their account's pages: make one (its key is shown once, on the
answer to the form), see when each was last used, revoke one (asks first: it cannot be undone)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akademia.accounts.types import AuthenticatedRequest
from akademia.api import selectors, services
from akademia.core.confirm import Confirmation, confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What will use it, e.g. “monthly report spreadsheet”."),
    )


def token_list(request: AuthenticatedRequest):
    form = TokenForm(request.POST or None)
    created = key = None
    if request.method == "POST" and form.is_valid():
        try:
            created, key = services.token_create(actor=request.user, name=form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": selectors.token_list_for(request.user),
        "created": created,
        "key": key,
        "docs_url": reverse("api:docs"),
        "api_url": request.build_absolute_uri(reverse("api:programme-list")),
    }
    return render(request, "api/token_list.html", context)


def token_revoke(request: AuthenticatedRequest, pk: int):
    """GET: what revoking does (docs/confirmations.md); POST: revoke."""
    token = selectors.token_get_for(request.user, pk)

    def confirmation() -> Confirmation:
        return Confirmation(
            title=_("Revoke the token “%(name)s”?") % {"name": token.name},
            button=_("Revoke the token"),
            back=(reverse("api-tokens:token-list"), _("API tokens")),
            effects=[_("Programs that send this token will be refused from now on.")],
            final=[_("A revoked token cannot be used again; make a new one if needed.")],
            refusal=services.token_revoke_blocker(token),
        )

    def act():
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token is revoked."))
        return redirect("api-tokens:token-list")

    return confirm_page(request, confirmation, act)
