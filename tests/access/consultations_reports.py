"""Reports of a consultation round: operators and the programme's authors read the summary and
the tabela uwag; only operators import decisions; anyone reads the report of a closed round.

The round's meeting was attended by the coordinator's JST and by the participant, so for them
the round exists (403: not theirs to report on); for the trainer it does not (404).
"""

from tests.access import LOGIN, OPERATORS, everyone, only

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
    from datetime import date

    from akademia.consultations import services
    from akademia.programmes import services as programmes
    from akademia.territory.models import Jst

    version = programmes.programme_create(
        actor=p["expert"], title="Program", goal="Cel", target_kinds=["rural"]
    )
    module = {"title": "M", "hours": 8, "methods": ["lecture"]}
    module |= {"learning_outcomes": "", "intersession_task": ""}
    version = programmes.version_update(
        actor=p["expert"], version=version, fields={}, modules=[module]
    )
    version = programmes.version_set_status(
        actor=p["national"], version=version, status="in_consultation"
    )
    consultation = services.round_create(actor=p["national"], version=version, title="R")
    kozieglowy = Jst.objects.get(code="2409023")
    meeting = services.meeting_add(
        actor=p["national"],
        consultation=consultation,
        kind="rural",
        place=kozieglowy,
        start_date=date(2017, 1, 12),
        end_date=date(2017, 1, 13),
    )
    services.participant_add(
        actor=p["national"], meeting=meeting, jst=kozieglowy, user=p["participant"]
    )
    services.comment_add(
        actor=p["participant"],
        consultation=consultation,
        meeting=meeting,
        text="Więcej ćwiczeń.",
        **services.author_fields_for(p["participant"]),
    )
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
