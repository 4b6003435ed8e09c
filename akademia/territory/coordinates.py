"""Coordinates typed by people (venues, trainers' homes): degrees inside Poland's bounding box.

Everything the programme plans happens in Poland, so a point outside the box is a typo (a
swapped pair, a missing decimal point) or garbage such as 1e308 or NaN, which would break the
planner's distances. The box has a small margin around the extreme points of the country.
"""

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LATITUDE = (49.0, 54.9)
LONGITUDE = (14.1, 24.2)


def _check(value, bounds: tuple[float, float], message) -> None:
    low, high = bounds
    if value is None:
        return
    if not isinstance(value, (int, float)) or not math.isfinite(value) or not low <= value <= high:
        raise ValidationError(message, code="outside_poland", params={"low": low, "high": high})


def validate_latitude(value) -> None:
    _check(
        value,
        LATITUDE,
        _(
            "The latitude must lie in Poland: between %(low)s and %(high)s degrees north "
            "(e.g. 50.26). Are latitude and longitude swapped?"
        ),
    )


def validate_longitude(value) -> None:
    _check(
        value,
        LONGITUDE,
        _(
            "The longitude must lie in Poland: between %(low)s and %(high)s degrees east "
            "(e.g. 19.02). Are latitude and longitude swapped?"
        ),
    )
