"""Reports of a consultation round: operators and the programme's authors read the summary and
the tabela uwag; only operators import decisions; anyone reads the report of a closed round.

Reading a whole round is the capability SEE_ALL_COMMENTS (operators and the programme's
authors): every other role gets 403 for the page, whether or not the round is in their scope (the
coordinator's JST and the participant attended its meeting; the trainer sees no consultation).
"""

from tests.access import LOGIN, OPERATORS, everyone, only
from tests.access.consultations import _comment as comment_in_round

READERS = {
    "anonymous": LOGIN,
    "national": 200,
    "regional": 200,
    "expert": 200,
    "trainer": 403,
    "coordinator": 403,
    "participant": 403,
}


def _round(p, *, closed: bool = False):
    """The round of tests/access/consultations.py, with the participant's comment."""
    from akademia.consultations import services

    consultation = comment_in_round(p).round
    if closed:
        services.round_set_status(actor=p["national"], consultation=consultation, status="closed")
    return consultation


ROUND = lambda p: {"pk": _round(p).pk}  # noqa: E731
CLOSED_ROUND = lambda p: {"pk": _round(p, closed=True).pk}  # noqa: E731

ACCESS = {
    "consultations:round-summary": (ROUND, READERS, False),
    "consultations:round-export-xlsx": (ROUND, READERS, False),
    "consultations:round-export-docx": (ROUND, READERS, False),
    "consultations:round-import-decisions": (ROUND, only(OPERATORS), False),
    "consultations:round-public": (CLOSED_ROUND, everyone(200), False),
    "consultations:report-list": (None, everyone(200), False),
}

# A POST without a file re-shows the form to an operator; everyone else is refused.
POST_ACCESS = {
    "consultations:round-import-decisions": only(OPERATORS),
}
