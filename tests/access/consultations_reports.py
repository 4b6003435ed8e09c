"""Reports of a consultation round: operators and the programme's authors read the summary and
the tabela uwag; only operators import decisions; anyone reads the report of a closed round.

The round's meeting was attended by the coordinator's JST and by the participant, so for them
the round exists (403: not theirs to report on); for the trainer it does not (404).
"""

from tests.access import LOGIN, OPERATORS, everyone, only
from tests.access.consultations import _comment as comment_in_round

READERS = {
    "anonymous": LOGIN,
    "national": 200,
    "regional": 200,
    "expert": 200,
    "trainer": 404,
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
}

# A POST without a file re-shows the form to an operator; everyone else is refused.
POST_ACCESS = {
    "consultations:round-import-decisions": only(OPERATORS),
}
