"""Comment entry: the meeting link is open to anyone holding its token; fast entry and the file
import are for operators."""

from tests.access import OPERATORS, everyone, only


def _meeting(p):
    from datetime import date

    from akademia.consultations import services
    from akademia.programmes import services as programmes
    from akademia.territory.models import Jst

    version = programmes.programme_create(
        actor=p["expert"], title="Program", goal="Cel", target_kinds=["rural"]
    )
    version = programmes.version_set_status(
        actor=p["national"], version=version, status="in_consultation"
    )
    consultation = services.round_create(actor=p["national"], version=version, title="R")
    return services.meeting_add(
        actor=p["national"],
        consultation=consultation,
        kind="rural",
        place=Jst.objects.get(code="2409023"),
        start_date=date(2017, 1, 12),
        end_date=date(2017, 1, 13),
    )


# Operators see every round (consultations/selectors.py), so no URL here is territorially scoped.
ACCESS = {
    "consultations:meeting-entry": (
        lambda p: {"token": _meeting(p).entry_token},
        everyone(200),
        False,
    ),
    "consultations:meeting-type": (lambda p: {"pk": _meeting(p).pk}, only(OPERATORS), False),
    "consultations:round-import-comments": (
        lambda p: {"pk": _meeting(p).round_id},
        only(OPERATORS),
        False,
    ),
}
