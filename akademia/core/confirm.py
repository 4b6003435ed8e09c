"""Confirmation pages for actions that cannot be undone (docs/confirmations.md).

One pattern for every such action: its URL answers GET with a page that says what will happen
(who gets which e-mail, one e-mail rendered for a real recipient, what cannot be undone) and
changes nothing; the page's button posts to the same URL, which acts. When the action makes no
sense now, the page says why instead of offering the button, and the service refuses a POST
with the same words (one rule, asked by both: `Confirmation.refusal`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from akademia.core.errors import DomainError


@dataclass(frozen=True)
class EmailPreview:
    """One e-mail as it will go out: rendered by the app's `render_<what>` for a recipient."""

    to: str
    subject: str
    body: str
    label: str = ""  # which kind, when several go out ("selected", "on the waiting list")

    def __post_init__(self):
        # An e-mail is plain text: what a person typed into it (a name, a title) is shown as text
        # on the page. `render_to_string` marks its result safe, so make each part a plain str,
        # which the template escapes.
        for name in ("to", "subject", "body", "label"):
            object.__setattr__(self, name, "".join([str(getattr(self, name))]))


@dataclass
class Confirmation:
    """What a confirmation page says. Every text is already translated (the app's gettext)."""

    title: str  # the question, the page's heading: "Publish plan 3 of Pilotaż?"
    button: str  # the action, on the button: "Publish the plan"
    back: tuple[str, str]  # (url, label) of the page the person came from; also "Cancel"
    effects: list[str] = field(default_factory=list)  # what will happen
    emails: list[str] = field(default_factory=list)  # who gets which e-mail, with counts
    previews: list[EmailPreview] = field(default_factory=list)
    final: list[str] = field(default_factory=list)  # what cannot be undone
    warnings: list[str] = field(default_factory=list)  # to read before confirming
    refusal: str = ""  # why the action makes no sense now: shown instead of the button
    fields: dict[str, str] = field(default_factory=dict)  # hidden inputs the button posts


def confirm_page(
    request: HttpRequest,
    confirmation: Callable[[], Confirmation],
    act: Callable[[], HttpResponse],
) -> HttpResponse:
    """The view of an action that asks first. GET: the page from `confirmation()`, a read
    that changes nothing. POST: `act()` calls the service and answers (a redirect with a
    message); when the service refuses, the page is shown again with its reason."""
    refused = ""
    if request.method == "POST":
        try:
            return act()
        except DomainError as error:
            refused = str(error)
    page = confirmation()
    page.refusal = refused or page.refusal
    return render(request, "core/confirm.html", {"confirmation": page, "posted": bool(refused)})
