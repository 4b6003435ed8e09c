"""Consultations: operators run them, authors read their programmes' rounds, participants
their own comments in rounds whose meetings their JST attended."""

from tests.access import OPERATORS, only, signed_in

VIEWERS = OPERATORS | {"expert", "coordinator", "participant"}


def _round(p):
    from datetime import date

    from akademia.consultations import services
    from akademia.programmes.tests.factories import make_version
    from akademia.territory.models import Jst

    version = make_version(p["expert"], p["national"], "in_consultation")
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
    return consultation, meeting


def _comment(p):
    from akademia.consultations import services

    consultation, meeting = _round(p)
    return services.comment_add(
        actor=p["participant"],
        consultation=consultation,
        meeting=meeting,
        text="Więcej ćwiczeń.",
        **services.author_fields_for(p["participant"]),
    )


ROUND = lambda p: {"pk": _round(p)[0].pk}  # noqa: E731
MEETING = lambda p: {"pk": _round(p)[1].pk}  # noqa: E731
COMMENT = lambda p: {"pk": _comment(p).pk}  # noqa: E731

ACCESS = {
    "consultations:round-list": (None, only(VIEWERS), False),
    "consultations:round-create": (None, only({"national"}), False),
    "consultations:taxonomy": (None, only({"national"}), False),
    "consultations:round-detail": (ROUND, only(VIEWERS), False),
    "consultations:round-status": (ROUND, signed_in(405), False),
    # GET: the confirmation page (docs/confirmations.md); POST (below): the round closes.
    "consultations:round-close": (ROUND, only({"national"}), False),
    "consultations:meeting-add": (ROUND, only(OPERATORS), False),
    "consultations:review": (ROUND, only(OPERATORS), False),
    "consultations:review-add": (ROUND, signed_in(405), False),
    "consultations:round-regroup": (ROUND, signed_in(405), False),
    "consultations:comment-group": (ROUND, signed_in(405), False),
    "consultations:round-changes": (ROUND, only(OPERATORS | {"expert"}), False),
    "consultations:meeting-detail": (MEETING, only(OPERATORS), False),
    "consultations:comment-block": (COMMENT, signed_in(405), False),
    "consultations:comment-edit": (COMMENT, only(OPERATORS | {"participant"}), False),
    "consultations:decision-record": (COMMENT, signed_in(405), False),
}

POST_ACCESS = {
    "consultations:round-close": only({"national"}, status=302),
    "consultations:round-status": only({"national"}, status=302),
    "consultations:review-add": only(OPERATORS, status=302),
    "consultations:round-regroup": only(OPERATORS, status=302),
    "consultations:comment-group": only(OPERATORS, status=302),
    # A block that isn't one of the round's is not found, for those who may set blocks.
    "consultations:comment-block": only(OPERATORS, status=404),
    # The form comes back with its errors for those who may decide.
    "consultations:decision-record": only(OPERATORS, status=200),
}
