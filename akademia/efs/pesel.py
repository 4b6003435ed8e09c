"""PESEL, the Polish personal identification number: its check digit, and what it says.

Eleven digits: YYMMDD (the month carries the century: +80 for the 1800s, +0 for the 1900s, +20
for the 2000s, +40 for the 2100s, +60 for the 2200s), four serial digits whose last one is odd
for a man and even for a woman, and a check digit: the weights 1 3 7 9 1 3 7 9 1 3 times the first
ten digits, summed; the check digit is (10 - sum mod 10) mod 10. Pure Python, no Django.
"""

import datetime as dt

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# Month offset → century.
CENTURIES = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}


class InvalidPesel(ValueError):
    """What is wrong with a number, as one of the PROBLEMS codes."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


LENGTH = "length"
CHECK_DIGIT = "check_digit"
DATE = "date"


def check_digit(first_ten: str) -> int:
    return (10 - sum(w * int(d) for w, d in zip(WEIGHTS, first_ten, strict=True)) % 10) % 10


def birth_date(pesel: str) -> dt.date:
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    offset = (month // 20) * 20
    century = CENTURIES.get(offset)
    if century is None:
        raise InvalidPesel(DATE)
    try:
        return dt.date(century + year, month - offset, day)
    except ValueError as wrong:
        raise InvalidPesel(DATE) from wrong


def is_female(pesel: str) -> bool:
    return int(pesel[9]) % 2 == 0


def validate(pesel: str) -> str:
    """The number cleaned of spaces, or InvalidPesel naming the problem."""
    number = "".join(pesel.split())
    if len(number) != 11 or not number.isdigit():
        raise InvalidPesel(LENGTH)
    if check_digit(number[:10]) != int(number[10]):
        raise InvalidPesel(CHECK_DIGIT)
    birth_date(number)
    return number


def make(born: dt.date, serial: int, *, female: bool) -> str:
    """A number with a valid check digit (for demo data and tests; `serial` 0-999)."""
    offset = {v: k for k, v in CENTURIES.items()}[born.year // 100 * 100]
    sex = (serial % 5) * 2 + (0 if female else 1)
    ten = f"{born.year % 100:02d}{born.month + offset:02d}{born.day:02d}{serial % 1000:03d}{sex}"
    return ten + str(check_digit(ten))


def age_on(born: dt.date, day: dt.date) -> int:
    """Full years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
