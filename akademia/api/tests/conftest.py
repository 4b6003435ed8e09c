"""The API's world: the national dataset in Śląskie (the people's own) and Łódzkie (the other),
made once for the module inside a transaction rolled back at its end (11 s), with a token for
the national operator and one for Śląskie's regional operator."""

from dataclasses import dataclass

import pytest
from django.db import transaction

OWN, OTHER = "24", "10"  # śląskie, łódzkie


@dataclass
class World:
    keys: dict[str, str]  # role → the key of its token
    other_ids: dict[str, set[int]]  # resource → ids of the rows that belong to Łódzkie
    own_ids: dict[str, set[int]]


def _ids(other: str) -> dict[str, set[int]]:
    from akademia.planning.models import Meeting, TrainingGroup
    from akademia.recruitment.models import Call, Project

    return {
        "projekty": set(
            Project.objects.filter(voivodeship__code=other).values_list("pk", flat=True)
        ),
        "nabory": set(
            Call.objects.filter(project__voivodeship__code=other).values_list("pk", flat=True)
        ),
        "grupy": set(
            TrainingGroup.objects.filter(project__voivodeship__code=other).values_list(
                "pk", flat=True
            )
        ),
        "zjazdy": set(
            Meeting.objects.filter(group__project__voivodeship__code=other).values_list(
                "pk", flat=True
            )
        ),
    }


@pytest.fixture(scope="module")
def api_world(django_db_setup, django_db_blocker):
    from akademia.accounts.models import User
    from akademia.api.services import token_create
    from akademia.demo.national import DOMAIN, load_national
    from akademia.territory.tests.factories import load_registry

    with django_db_blocker.unblock():
        load_registry()  # a live-server test on this worker may have flushed the database
    with django_db_blocker.unblock(), transaction.atomic():
        load_national(
            jst=8, comments=20, voivodeships=[OWN, OTHER], delivery=False, log=lambda _l: None
        )
        people = {
            "national": User.objects.get(email=f"krajowy@{DOMAIN}"),
            "regional": User.objects.get(email=f"operator.{OWN}@{DOMAIN}"),
        }
        keys = {role: token_create(actor=user, name="Testy")[1] for role, user in people.items()}
        yield World(keys=keys, other_ids=_ids(OTHER), own_ids=_ids(OWN))
        transaction.set_rollback(True)


@pytest.fixture
def world(api_world, db):
    return api_world


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
