"""The public progress page (no sign-in, no personal data): per voivodeship, the JST reached,
the people enrolled, trained and certified, of every project. Only counts leave here."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from akademia.delivery.models import ATTENDED, Certificate, Participant
from akademia.recruitment.models import Enrolment
from akademia.reporting.selectors.maps import TAKING_PART
from akademia.territory.models import Jst, Voivodeship

COLUMNS = ("code", "voivodeship", "jst", "jst_reached", "enrolled", "trained", "certified")


@dataclass
class VoivodeshipProgress:
    code: str
    name: str
    jst: int = 0
    jst_reached: int = 0
    enrolled: int = 0
    trained: int = 0
    certified: int = 0
    boundary: str = ""

    @property
    def share(self) -> int:
        return round(100 * self.jst_reached / self.jst) if self.jst else 0

    def line(self) -> list:
        return [getattr(self, c) if c != "voivodeship" else self.name for c in COLUMNS]


def _by_voivodeship(rows, key: str, counted: str) -> dict[str, int]:
    return dict(rows.values_list(key).annotate(n=Count(counted, distinct=True)).order_by())


def public_progress() -> list[VoivodeshipProgress]:
    """Every voivodeship with its counts (the pilot's JST count where they are)."""
    enrolments = Enrolment.objects.filter(withdrawn_at__isnull=True)
    trained = Participant.objects.filter(marks__status__in=ATTENDED)
    certified = Certificate.objects.filter(revoked_at__isnull=True)
    counts = {
        "jst": _by_voivodeship(
            Jst.objects.filter(active=True, kind__in=TAKING_PART), "voivodeship__code", "pk"
        ),
        "jst_reached": _by_voivodeship(enrolments, "jst__voivodeship__code", "jst_id"),
        "enrolled": _by_voivodeship(enrolments, "jst__voivodeship__code", "pk"),
        "trained": _by_voivodeship(trained, "jst__voivodeship__code", "enrolment_id"),
        "certified": _by_voivodeship(
            certified, "participant__jst__voivodeship__code", "participant__enrolment_id"
        ),
    }
    return [
        VoivodeshipProgress(
            v.code, v.name, boundary=v.outline, **{k: c.get(v.code, 0) for k, c in counts.items()}
        )
        # The map of the country: the simplified outlines (territory/outlines.py).
        for v in Voivodeship.objects.only("code", "name", "outline")
    ]


def public_totals(rows: list[VoivodeshipProgress]) -> VoivodeshipProgress:
    total = VoivodeshipProgress("", _("Poland"))
    for row in rows:
        for column in COLUMNS[2:]:
            setattr(total, column, getattr(total, column) + getattr(row, column))
    return total
