"""The programme catalogue: operators and experts work on it; everyone reads the catalogue."""

from tests.access import PROGRAMME_PEOPLE, everyone, only, signed_in


def _draft(p):
    from akademia.programmes.services import programme_create

    return programme_create(actor=p["expert"], title="Program", goal="Cel", target_kinds=["rural"])


def _published(p):
    from akademia.programmes.tests.factories import make_version

    return make_version(p["expert"], p["national"], "approved_for_pilot")


ACCESS = {
    "programmes:catalogue": (None, everyone(200), False),
    "programmes:public-version": (lambda p: {"pk": _published(p).pk}, everyone(200), False),
    "programmes:programme-list": (None, only(PROGRAMME_PEOPLE), False),
    "programmes:programme-create": (None, only({"national", "expert"}), False),
    "programmes:version-detail": (lambda p: {"pk": _draft(p).pk}, only(PROGRAMME_PEOPLE), False),
    "programmes:version-edit": (
        lambda p: {"pk": _draft(p).pk},
        only({"national", "expert"}),
        False,
    ),
    "programmes:programme-authors": (
        lambda p: {"pk": _draft(p).programme_id},
        {**signed_in(405)},
        False,
    ),
    "programmes:version-new": (lambda p: {"pk": _draft(p).pk}, signed_in(405), False),
    "programmes:version-status": (lambda p: {"pk": _draft(p).pk}, signed_in(405), False),
    "programmes:version-diff": (
        lambda p: {"pk": (version := _draft(p)).pk, "other": version.pk},
        only(PROGRAMME_PEOPLE),
        False,
    ),
}

# Views that only take POST: who may change state with them.
POST_ACCESS = {
    "programmes:programme-authors": only({"national"}, status=302),
    "programmes:version-new": only(PROGRAMME_PEOPLE, status=302),
    # Only the national operator's status change is applied (the service refuses the others).
    "programmes:version-status": only(PROGRAMME_PEOPLE, status=302),
}
