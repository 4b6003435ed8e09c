"""The trace back from a consultation comment to the survey it came from, for consultations'
origins registry (`consultations/origins.py`): one query for a page of comments."""

from django.urls import reverse
from django.utils.translation import gettext as _

from akademia.consultations.origins import Origin
from akademia.evaluation.models import FeedbackSource


def comment_origins(comments: list) -> dict[int, list[Origin]]:
    rows = FeedbackSource.objects.filter(comment_id__in=[c.pk for c in comments]).values_list(
        "pk", "comment_id", "comment__author_name", "kind"
    )
    found: dict[int, list[Origin]] = {}
    for pk, comment_id, where, kind in rows:
        what = _("open answer") if kind == FeedbackSource.Kind.OPEN_ANSWER else _("low rating")
        found.setdefault(comment_id, []).append(
            Origin(f"{what}: {where}", reverse("evaluation:feedback-source", args=[pk]))
        )
    return found
