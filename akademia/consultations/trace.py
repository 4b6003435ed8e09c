"""Following a comment to the change it caused: the diff from the consulted version to the
next one (the newest version based on it)."""

from akademia.consultations.models import ConsultationRound
from akademia.programmes.diff import Change, diff_versions


def next_version(consultation: ConsultationRound):
    return consultation.version.successors.order_by("-number").first()


def next_version_changes(consultation: ConsultationRound) -> tuple[object, list[Change]]:
    target = next_version(consultation)
    if target is None:
        return None, []
    return target, diff_versions(consultation.version, target)
