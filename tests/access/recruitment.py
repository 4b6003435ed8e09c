"""Recruitment: the application is public; operators review and select in their scope; the
JST's coordinator follows their own applications. Objects are in Śląskie (project of
voivodeship 24, an application of Koziegłowy, the coordinator persona's JST)."""

from akademia.core.audit import SYSTEM
from tests.access import LOGIN, OPERATORS, ROLES, everyone, only, signed_in


def _project(p):
    from akademia.recruitment import services
    from akademia.territory.models import Voivodeship

    return services.project_create(
        actor=p["national"], name="Projekt śląski", voivodeship=Voivodeship.objects.get(code="24")
    )


def _call(p):
    from akademia.recruitment.tests.factories import make_version, open_call

    # Other URLs' objects enrol Koziegłowy elsewhere: a call open to returning JST.
    return open_call(
        p["regional"],
        _project(p),
        make_version(p["expert"], p["national"]),
        allow_returning=True,
    )


def _application(p):
    from akademia.recruitment.tests.factories import complete

    return complete(p["regional"], _call(p), "2409023")


def _selected(p):
    from akademia.recruitment import services

    application = _application(p)
    services.quotas_set(
        actor=p["regional"],
        call=application.call,
        rows=[{"code": "total", "unit": "jst", "min": 1, "max": 1}],
    )
    services.selection_run(actor=p["regional"], call=application.call)
    return application


def _call_id(p):
    return {"pk": _call(p).pk}


def _application_id(p):
    return {"pk": _application(p).pk}


def _token(p):
    from akademia.recruitment import services
    from akademia.recruitment.tests.factories import data

    return {
        "token": services.application_save(actor=SYSTEM, call=_call(p), data=data("2409023")).token
    }


def _code(p):
    from akademia.recruitment import services
    from akademia.recruitment.tests.factories import data

    application = services.application_save(actor=SYSTEM, call=_call(p), data=data("2409023"))
    return {"code": services.confirmation_code(application)}


OWN_APPLICATION = {
    "anonymous": LOGIN,
    "national": 403,
    "regional": 403,
    "expert": 404,  # no territorial scope: the application is absent for them
    "trainer": 403,
    "coordinator": 200,
    "participant": 403,
}
SEES_APPLICATIONS = only(OPERATORS | {"coordinator"})
POST_OPERATORS = only(OPERATORS, status=302)

ACCESS = {
    "recruitment:open-calls": (None, everyone(200), False),
    "recruitment:application-create": (_call_id, everyone(200), False),
    # A secret link (like a pretix order secret): whoever holds it may continue the draft.
    "recruitment:application-edit": (_token, everyone(200), False),
    "recruitment:application-confirm": (_code, everyone(200), False),
    "recruitment:my-applications": (None, only({"coordinator"}), False),
    # GET: the confirmation page (docs/confirmations.md); POST (below): the action.
    "recruitment:application-withdraw": (_application_id, OWN_APPLICATION, True),
    "recruitment:application-participants": (
        lambda p: {"pk": _selected(p).pk},
        OWN_APPLICATION,
        True,
    ),
    "recruitment:project-list": (None, only(OPERATORS), False),
    "recruitment:project-create": (None, only({"national"}), False),
    "recruitment:project-detail": (lambda p: {"pk": _project(p).pk}, only(OPERATORS), True),
    # A regional operator edits its voivodeship's project (name, targets), not another's.
    "recruitment:project-edit": (lambda p: {"pk": _project(p).pk}, only(OPERATORS), True),
    "recruitment:call-create": (lambda p: {"pk": _project(p).pk}, only(OPERATORS), True),
    "recruitment:call-detail": (_call_id, only(OPERATORS), True),
    "recruitment:call-edit": (_call_id, only(OPERATORS), True),
    "recruitment:call-status": (_call_id, signed_in(405), True),
    "recruitment:call-criteria": (_call_id, only(OPERATORS), True),
    "recruitment:call-quotas": (_call_id, only(OPERATORS), True),
    "recruitment:call-select": (_call_id, only(OPERATORS), True),
    "recruitment:call-results": (_call_id, only(OPERATORS), True),
    "recruitment:call-publish": (_call_id, only(OPERATORS), True),
    "recruitment:application-detail": (_application_id, SEES_APPLICATIONS, True),
    "recruitment:application-letter": (_application_id, SEES_APPLICATIONS, True),
    "recruitment:application-complete": (_application_id, signed_in(405), True),
    "recruitment:application-corrections": (_application_id, signed_in(405), True),
    "recruitment:application-verify-coordinator": (_application_id, signed_in(405), True),
    "recruitment:application-score": (_application_id, signed_in(405), True),
    "recruitment:application-override": (_application_id, signed_in(405), True),
}

POST_ACCESS = {
    "recruitment:application-withdraw": {**OWN_APPLICATION, "coordinator": 302},
    "recruitment:call-status": POST_OPERATORS,
    # The table's call has no application: the service refuses, the page says why.
    "recruitment:call-select": only(OPERATORS, status=200),
    "recruitment:call-publish": only(OPERATORS, status=200),
    "recruitment:application-complete": POST_OPERATORS,
    "recruitment:application-corrections": POST_OPERATORS,
    "recruitment:application-verify-coordinator": POST_OPERATORS,
    "recruitment:application-score": POST_OPERATORS,
    "recruitment:application-override": POST_OPERATORS,
}

assert set(ROLES) == set(OWN_APPLICATION)
