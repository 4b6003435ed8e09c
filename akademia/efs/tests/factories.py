"""Test data of the SM EFS data: a Śląskie group under way, and a person's answers."""

import datetime as dt

from akademia.efs import pesel
from akademia.efs.services import Answers
from akademia.territory.models import Jst

KOZIEGLOWY = "2409023"
# 1985-03-14, serial 123, a woman: a made-up number with a valid check digit.
PESEL_WOMAN = pesel.make(dt.date(1985, 3, 14), 123, female=True)


def answers(**changes) -> Answers:
    values = {
        "citizenship": "pl",
        "pesel": PESEL_WOMAN,
        "no_pesel_reason": "",
        "sex": "",
        "birth_date": None,
        "education": "isced5-8",
        "labour_status": "local_government",
        "residence": Jst.objects.get(code=KOZIEGLOWY),
        "locality": "Koziegłowy",
        "postal_code": "42-350",
        "degurba": "3",
        "phone": "600 100 200",
        "foreign_origin": "no",
        "third_country": "no",
        "minority": "refused",
        "homeless": "no",
        "disability": "no",
    }
    values.update(changes)
    return Answers(**values)


def form_data(**changes) -> dict:
    data = {
        "citizenship": "pl",
        "pesel": PESEL_WOMAN,
        "no_pesel_reason": "",
        "sex": "",
        "birth_date": "",
        "education": "isced5-8",
        "labour_status": "local_government",
        "residence": KOZIEGLOWY,
        "locality": "Koziegłowy",
        "postal_code": "42-350",
        "degurba": "3",
        "phone": "600 100 200",
        "foreign_origin": "no",
        "third_country": "no",
        "minority": "refused",
        "homeless": "no",
        "disability": "no",
    }
    data.update(changes)
    return data
