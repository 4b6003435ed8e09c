"""The taxonomy: thematic blocks and kinds of decision, extended by the national operator."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.consultations import selectors, services
from akademia.consultations.forms import BlockForm, DecisionStateForm
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error


@permission_required(Capability.MANAGE_TAXONOMY)
def taxonomy(request: AuthenticatedRequest) -> HttpResponse:
    """The thematic blocks and the kinds of decision, editable by the national operator."""
    block_form = BlockForm(request.POST or None, prefix="block")
    state_form = DecisionStateForm(request.POST or None, prefix="state")
    if request.method == "POST":
        form, save = (
            (block_form, lambda d: services.block_save(actor=request.user, block=None, **d))
            if "block-name" in request.POST
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
            "blocks": selectors.blocks_all(),
            "states": selectors.decision_states(),
            "block_form": block_form,
            "state_form": state_form,
        },
    )
