"""Who may apply to a call: the one rule, for the service that refuses an application and for
the pages that say so before anyone fills in the form. It reads nothing itself: the callers
pass what they read (one JST and one call in the service, every open call at once on a page).
"""

from django.utils.translation import gettext as _

from akademia.territory.kinds import exchange_group_of


def problem(call, jst, *, voivodeship_ids: set[int], enrolled_in: set[int]) -> str | None:
    """Why `jst` may not apply to `call`, or None. `voivodeship_ids` are the call's
    voivodeships (none: all), `enrolled_in` the projects the JST has taken part in."""
    if call.kinds and exchange_group_of(jst.kind) not in call.kinds:
        return _("This call is not open to JST of this kind.")
    if voivodeship_ids and jst.voivodeship_id not in voivodeship_ids:
        return _("This call is not open to JST from this voivodeship.")
    if not call.allow_returning and enrolled_in - {call.project_id}:
        return _("This JST has already taken part and this call does not accept it again.")
    return None
