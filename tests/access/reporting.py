"""Reporting: operators read the dashboards of their scope, its lists, maps and exports, and set
targets; a project's monthly report is scoped (a Śląskie project: Łódzkie's operator gets 404).
The public progress page and its open data are open to everyone."""

from tests.access import OPERATORS, everyone, only, shared


@shared
def _project(p):
    from akademia.recruitment import services
    from akademia.territory.models import Voivodeship

    return services.project_create(
        actor=p["national"],
        name="Projekt raportowy",
        voivodeship=Voivodeship.objects.get(code="24"),
        target_jst=10,
        target_people=30,
    )


def _report(p):
    return {"pk": _project(p).pk, "extension": "pdf"}


OPERATOR_PAGE = only(OPERATORS)

ACCESS = {
    "reporting:dashboard": (None, OPERATOR_PAGE, False),
    "reporting:people": (None, OPERATOR_PAGE, False),
    "reporting:jst-list": (None, OPERATOR_PAGE, False),
    "reporting:table-export": (
        lambda p: {"slug": "projects", "extension": "csv"},
        OPERATOR_PAGE,
        False,
    ),
    "reporting:map-areas": (lambda p: {"level": "wojewodztwa"}, OPERATOR_PAGE, False),
    "reporting:map-points": (None, OPERATOR_PAGE, False),
    # GET: the targets and the form; an empty POST shows the form again with its errors.
    "reporting:targets": (None, OPERATOR_PAGE, False),
    "reporting:monthly-report": (_report, OPERATOR_PAGE, True),
    "progress:public": (None, everyone(200), False),
    "progress:open-data": (None, everyone(200), False),
    "progress:map": (None, everyone(200), False),
}
