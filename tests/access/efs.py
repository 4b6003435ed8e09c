"""EU monitoring data (SM EFS): a participant gives their own data, a JST's verified coordinator
those of its people (the participant persona takes part in no group: 404 for another person's
form); operators of the project's voivodeship download the files and see whose data is missing;
a JST's NIP and address: its coordinator and the operators of its scope. The delivery group of
tests/access/delivery.py is the project (Śląskie, Koziegłowy and Bestwina).

The form of a person is not in the other-scope check: operators lack the capability (403) before
any scope; the coordinator of Kutno gets 404 (akademia/efs/tests/test_views.py)."""

from tests.access import OPERATORS, only
from tests.access.delivery import _group

JST_PEOPLE = {"coordinator", "participant"}


def _person_ids(p):
    person = _group(p).participants.get(email="osoba1@2409023.example.org")
    return {"project": person.group.project_id, "person": person.user_id}


def _project_id(p):
    return {"pk": _group(p).project_id}


def _jst_code(p):
    return {"code": "2409023"}


GIVERS = only({"coordinator"}) | {"participant": 404}

ACCESS = {
    "efs:my-data": (None, only(JST_PEOPLE), False),
    "efs:data-edit": (_person_ids, GIVERS, False),
    "efs:institution-edit": (_jst_code, only(OPERATORS | {"coordinator"}), True),
    "efs:project-list": (None, only(OPERATORS), False),
    "efs:project-detail": (_project_id, only(OPERATORS), True),
    "efs:participants-csv": (_project_id, only(OPERATORS), True),
    "efs:institutions-csv": (_project_id, only(OPERATORS), True),
}
