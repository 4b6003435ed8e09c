import datetime as dt

import pytest

from akademia.efs import pesel


def test_a_made_number_validates_and_tells_the_date_and_sex():
    number = pesel.make(dt.date(2001, 12, 31), 7, female=False)
    assert pesel.validate(number) == number
    assert pesel.birth_date(number) == dt.date(2001, 12, 31)
    assert number[2:4] == "32"  # the 2000s: month + 20
    assert not pesel.is_female(number)
    woman = pesel.make(dt.date(1960, 1, 5), 999, female=True)
    assert pesel.is_female(woman) and pesel.birth_date(woman) == dt.date(1960, 1, 5)


def test_a_known_valid_number():
    # The example of the Ministry of Digital Affairs' description: 44051401359 (a man, 1944).
    assert pesel.validate("4405 1401 359") == "44051401359"
    assert pesel.birth_date("44051401359") == dt.date(1944, 5, 14)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("44051401358", pesel.CHECK_DIGIT),  # one digit off
        ("4405140135", pesel.LENGTH),
        ("4405140135a", pesel.LENGTH),
        ("44133101350", pesel.DATE),  # month 13
    ],
)
def test_wrong_numbers_name_their_problem(number, problem):
    if problem == pesel.DATE:
        number = number[:10] + str(pesel.check_digit(number[:10]))
    with pytest.raises(pesel.InvalidPesel) as refused:
        pesel.validate(number)
    assert refused.value.problem == problem


def test_age_on_a_day():
    born = dt.date(1985, 3, 14)
    assert pesel.age_on(born, dt.date(2026, 3, 13)) == 40
    assert pesel.age_on(born, dt.date(2026, 3, 14)) == 41
