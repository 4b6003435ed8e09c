"""Limits on the confirmation e-mails of the public application form (no account needed).

Saving a new draft, or a draft with a changed e-mail address, sends that address a link to
confirm it (`services.application_save`). Without limits anyone could make us mail any address
over and over. So, counted in the database (`core/ratelimit.py`): at most
`APPLICATION_CONFIRM_EMAIL_LIMIT` links a day to one e-mail address, and at most
`APPLICATION_CONFIRM_ADDRESS_LIMIT` an hour from one client address (`core/net.py`). Over a
limit the form is shown again with everything typed and the reason at the e-mail field, and
nothing is saved.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from akademia.core import ratelimit
from akademia.core.net import client_ip
from akademia.recruitment.services.applications import coordinator_email

EMAIL_SCOPE = "recruitment.confirmation.email"
ADDRESS_SCOPE = "recruitment.confirmation.client"


def refusal(request, email: str) -> str:
    """Why no more links may be sent now, or "" when one may."""
    email_limit = settings.APPLICATION_CONFIRM_EMAIL_LIMIT
    if ratelimit.exceeded(
        EMAIL_SCOPE, coordinator_email(email), limit=email_limit, window=ratelimit.DAY
    ):
        return _(
            "We have already sent this address the most confirmation links we send in a day "
            "(at most %(limit)d a day). Nothing was saved: please try again tomorrow, or give "
            "another address."
        ) % {"limit": email_limit}
    address_limit = settings.APPLICATION_CONFIRM_ADDRESS_LIMIT
    if ratelimit.exceeded(
        ADDRESS_SCOPE, client_ip(request), limit=address_limit, window=ratelimit.HOUR
    ):
        return _(
            "Too many confirmation links were requested from your network in the last hour "
            "(at most %(limit)d an hour). Nothing was saved: please try again later."
        ) % {"limit": address_limit}
    return ""


def count(request, email: str) -> None:
    """Count a link that was sent."""
    ratelimit.hit(EMAIL_SCOPE, coordinator_email(email), window=ratelimit.DAY)
    ratelimit.hit(ADDRESS_SCOPE, client_ip(request), window=ratelimit.HOUR)
