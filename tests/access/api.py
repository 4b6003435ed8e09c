"""The REST API (akademia/api): the schema and its documentation are public; every resource
answers 401 without a token or session, 403 to a role whose web page of the same rows it may
not open, and the rows of the person's scope otherwise (a Śląskie object is 404 for Łódzkie's
operator and coordinator). A person's tokens are theirs alone: another's token is 404."""

from tests.access import OPERATORS, PROGRAMME_PEOPLE, ROLES, everyone, shared, signed_in
from tests.access.consultations import _comment, _round
from tests.access.delivery import _group
from tests.access.recruitment import _call
from tests.access.recruitment import _project as _recruitment_project

VIEWERS = OPERATORS | {"expert", "coordinator", "participant"}  # consultations
TRAINING = set(ROLES[1:]) - {"expert"}  # groups and meetings: planning, "Moje zjazdy", dates


def api(allowed: set[str]) -> dict:
    """A resource: 401 for anonymous callers (no login page), 403 for roles without it."""
    return {"anonymous": 401, **{role: 200 if role in allowed else 403 for role in ROLES[1:]}}


@shared
def _decision(p):
    from akademia.consultations import services
    from akademia.consultations.models import DecisionState

    comment = _comment(p)
    services.decision_record(
        actor=p["national"],
        comment=comment,
        state=DecisionState.objects.get(code="accepted"),
        reflection="Więcej ćwiczeń w module 2.",
    )
    return comment.decision


@shared
def _version(p):
    from akademia.programmes.tests.factories import make_version

    return make_version(p["expert"], p["national"], "approved_for_pilot")


@shared
def _token(p):
    from akademia.api.services import token_create

    return token_create(actor=p["national"], name="Arkusz")[0]


def _pk(maker, attribute=None):
    def kwargs(p):
        obj = maker(p)
        obj = obj[0] if isinstance(obj, tuple) else obj
        return {"pk": getattr(obj, attribute) if attribute else obj.pk}

    return kwargs


def _meeting(p):
    return {"pk": _group(p).meetings.order_by("module").first().pk}


ACCESS = {
    "api:schema": (None, everyone(200), False),
    "api:docs": (None, everyone(200), False),
    "api:programme-list": (None, api(PROGRAMME_PEOPLE), False),
    "api:programme-detail": (_pk(_version, "programme_id"), api(PROGRAMME_PEOPLE), False),
    "api:version-list": (None, api(PROGRAMME_PEOPLE), False),
    "api:version-detail": (_pk(_version), api(PROGRAMME_PEOPLE), False),
    "api:round-list": (None, api(VIEWERS), False),
    "api:round-detail": (_pk(_round), api(VIEWERS), False),
    "api:comment-list": (None, api(VIEWERS), False),
    "api:comment-detail": (_pk(_comment), api(VIEWERS), False),
    "api:decision-list": (None, api(PROGRAMME_PEOPLE), False),
    "api:decision-detail": (_pk(_decision), api(PROGRAMME_PEOPLE), False),
    "api:project-list": (None, api(OPERATORS), False),
    "api:project-detail": (_pk(_recruitment_project), api(OPERATORS), True),
    "api:call-list": (None, api(OPERATORS), False),
    "api:call-detail": (_pk(_call), api(OPERATORS), True),
    "api:group-list": (None, api(TRAINING), False),
    "api:group-detail": (_pk(_group), api(TRAINING), True),
    "api:meeting-list": (None, api(TRAINING), False),
    "api:meeting-detail": (_meeting, api(TRAINING), True),
    # The indicators: the monitoring dashboard's figures (reporting, `SEE_REPORTS`).
    "api:indicators": (None, api(OPERATORS), False),
    # A person's tokens (the account's pages): the list and its form for everyone signed in;
    # revoking (GET asks, POST acts) only one's own: the national persona's token here.
    "api-tokens:token-list": (None, signed_in(200), False),
    "api-tokens:token-revoke": (
        _pk(_token),
        {**signed_in(404), "national": 200},
        True,
    ),
}

POST_ACCESS = {
    # The table posts {"active": "1"}: no name, so the form is shown again with its error.
    "api-tokens:token-list": signed_in(200),
    # The owner revokes (then back to the list); anyone else's POST finds no such token.
    "api-tokens:token-revoke": {**signed_in(404), "national": 302},
}
