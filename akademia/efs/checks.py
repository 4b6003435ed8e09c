"""The checks of what a person types, shared by the forms (to show at the field) and the
services (which never trust a form): each returns the cleaned value or raises a DomainError
naming its field."""

import re

from django.utils.translation import gettext as _

from akademia.core.errors import DomainError
from akademia.efs import pesel as pesel_numbers

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def pesel_message(problem: str) -> str:
    return {
        pesel_numbers.LENGTH: _("A PESEL number has exactly 11 digits."),
        pesel_numbers.CHECK_DIGIT: _(
            "This PESEL number is not valid: its last digit (the check digit) does not match "
            "the other ten. Check the number for a typo."
        ),
        pesel_numbers.DATE: _(
            "This PESEL number is not valid: its first six digits are no date of birth."
        ),
    }[problem]


def clean_pesel(value: str) -> str:
    try:
        return pesel_numbers.validate(value)
    except pesel_numbers.InvalidPesel as invalid:
        raise DomainError(pesel_message(invalid.problem), field="pesel") from invalid


def clean_postal_code(value: str, field: str = "postal_code") -> str:
    value = value.strip()
    if not POSTAL_CODE.match(value):
        raise DomainError(_("Write the postal code as 00-000."), field=field)
    return value


def clean_phone(value: str, field: str = "phone") -> str:
    """Digits only (a leading "+" or "00" goes with the spaces and dashes): 9 to 15 of them."""
    digits = re.sub(r"[\s\-()]", "", value)
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit() or not 9 <= len(digits) <= 15:
        raise DomainError(
            _("Write the phone number in digits: 9 digits, or with the country code."),
            field=field,
        )
    return digits


def clean_nip(value: str) -> str:
    digits = re.sub(r"[\s\-]", "", value)
    if len(digits) != 10 or not digits.isdigit():
        raise DomainError(_("A NIP number has exactly 10 digits."), field="nip")
    check = sum(w * int(d) for w, d in zip(NIP_WEIGHTS, digits, strict=False)) % 11
    if check == 10 or check != int(digits[9]):
        raise DomainError(
            _(
                "This NIP number is not valid: its last digit (the check digit) does not match "
                "the other nine. Check the number for a typo."
            ),
            field="nip",
        )
    return digits
