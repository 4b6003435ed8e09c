"""Certificate numbers, the public verification address and the e-mail that a certificate is
ready (rendered without the database, so the confirmation page previews it word for word).

A number is "AS-" and 16 random characters of the base32 alphabet (A-Z, 2-7) from `secrets`,
in groups of four: 80 random bits, so numbers cannot be guessed or counted through; the
database keeps them unique. A number typed from paper is read leniently (`normalise`): case,
spaces and dashes do not matter, nor the "AS" prefix, and the digits 0, 1 and 8, absent from
the alphabet, are read as the letters O, I and B they are mistaken for.
"""

import re
import secrets

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
PREFIX = "AS"
RANDOM_CHARACTERS = 16
GROUP = 4
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")
_MISREAD = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _format(characters: str) -> str:
    groups = [characters[i : i + GROUP] for i in range(0, len(characters), GROUP)]
    return "-".join([PREFIX, *groups])


def new_number() -> str:
    return _format("".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARACTERS)))


def normalise(typed: str) -> str:
    """The number as stored, from what someone typed; "" when it cannot be one."""
    text = _SEPARATORS.sub("", typed or "").upper().translate(_MISREAD)
    if len(text) == len(PREFIX) + RANDOM_CHARACTERS and text.startswith(PREFIX):
        text = text[len(PREFIX) :]
    if len(text) != RANDOM_CHARACTERS or any(c not in ALPHABET for c in text):
        return ""
    return _format(text)


def verification_url(number: str) -> str:
    """The public page of a certificate (what its QR code holds)."""
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify", args=[number])


def verification_form_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify-form")


def render_certificate_issued(
    *, full_name: str, programme: str, number: str, language: str
) -> tuple[str, str]:
    """The e-mail telling a participant their certificate can be downloaded."""
    context = {
        "full_name": full_name,
        "programme": programme,
        "number": number,
        "link": settings.SITE_URL.rstrip("/") + reverse("delivery:my-training"),
        "verify": verification_url(number),
    }
    with translation.override(language):
        subject = _("Your certificate of completion: %(programme)s") % {"programme": programme}
        body = render_to_string("delivery/certificates/email_issued.txt", context)
    return subject, body
