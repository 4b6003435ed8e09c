"""Planning: operators plan the projects of their scope (the pilot: national only); a JST's
coordinator and participants read their team's dates. Objects are in a Śląskie project."""

from tests.access import OPERATORS, only, shared, signed_in

TEAMS = ["2409023", "2402022", "2414011", "2404013"]  # 4 teams of 4: one group of 16


@shared
def _project(p):
    from akademia.planning.tests.factories import enrolled_project

    return enrolled_project(p["national"], p["regional"], p["expert"], codes=TEAMS)


def _project_id(p):
    return {"pk": _project(p).pk}


@shared
def _plan(p):
    from akademia.planning.tests.factories import solved_plan

    return solved_plan(_project(p), p["regional"])


def _plan_id(p):
    return {"pk": _plan(p).pk}


def _venue_id(p):
    return {"pk": _project(p).venues.first().pk}


def _trainer_id(p):
    from akademia.planning import services

    project = _project(p)
    trainer = services.trainer_save(
        actor=p["regional"], project=project, name="Trener", lat=50.26, lon=19.02
    )
    return {"pk": trainer.pk}


OPERATOR_PAGE = only(OPERATORS)
POST_OPERATORS = only(OPERATORS, status=302)
# An invalid POST (the table posts {"active": "1"}) shows the page again with the form's errors.
POST_FORM_OPERATORS = only(OPERATORS, status=200)

ACCESS = {
    "planning:project-list": (None, OPERATOR_PAGE, False),
    # GET: the confirmation page (docs/confirmations.md); POST (below): the action.
    "planning:plan-start-all": (lambda p: {}, only({"national"}), False),
    "planning:project-detail": (_project_id, OPERATOR_PAGE, True),
    "planning:plan-start": (_project_id, signed_in(405), True),
    "planning:problem-export": (_project_id, OPERATOR_PAGE, True),
    "planning:venue-defaults": (_project_id, signed_in(405), True),
    "planning:venue-create": (_project_id, OPERATOR_PAGE, True),
    "planning:venue-edit": (_venue_id, OPERATOR_PAGE, True),
    # GET: the confirmation page; POST (below): the deletion, then back to the project.
    "planning:venue-delete": (_venue_id, OPERATOR_PAGE, True),
    "planning:trainer-create": (_project_id, OPERATOR_PAGE, True),
    "planning:trainer-edit": (_trainer_id, OPERATOR_PAGE, True),
    "planning:trainer-delete": (_trainer_id, OPERATOR_PAGE, True),
    "planning:plan-detail": (_plan_id, OPERATOR_PAGE, True),
    "planning:plan-map-data": (_plan_id, OPERATOR_PAGE, True),
    "planning:plan-move-team": (_plan_id, signed_in(405), True),
    "planning:plan-move-meeting": (_plan_id, signed_in(405), True),
    "planning:plan-change-trainer": (_plan_id, signed_in(405), True),
    "planning:plan-compare": (_plan_id, OPERATOR_PAGE, True),
    "planning:plan-publish": (_plan_id, OPERATOR_PAGE, True),
    "planning:my-dates": (None, only({"coordinator", "participant"}), False),
    "planning:my-meetings": (None, only({"trainer"}), False),
}

POST_ACCESS = {
    # The table's one project has a plan published (delivery's group), which planning every
    # project passes over: the national operator is answered on the page with why (200).
    "planning:plan-start-all": only({"national"}, status=200),
    "planning:plan-start": POST_FORM_OPERATORS,
    "planning:venue-defaults": POST_OPERATORS,
    "planning:venue-delete": POST_OPERATORS,
    "planning:trainer-delete": POST_OPERATORS,
    "planning:plan-move-team": POST_FORM_OPERATORS,
    "planning:plan-move-meeting": POST_FORM_OPERATORS,
    "planning:plan-change-trainer": POST_FORM_OPERATORS,
    "planning:plan-publish": POST_OPERATORS,
}
