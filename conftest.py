"""Shared fixtures: the real TERC registry loaded once per test database, and role personas.

Personas live in two voivodeships so that every scope test has a neighbour to be kept out of:
Śląskie (24: Koziegłowy 2409023) and Łódzkie (10: Kutno 1002011).
"""

import pytest

from akademia.accounts.roles import Role

pytest_plugins = ["tests.personal_data_watch"]

# The fixtures import the factories when they run: the pure packages' tests (solvers, nlp)
# also run without Django, and the factories import the models.


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is made from the models (`--no-migrations` in pyproject.toml: running
    every migration cost each test worker seconds); what data migrations seed is added here.
    The migrations themselves are checked by `makemigrations --check` and applied to a fresh
    database in core/tests/test_worker_killed.py."""
    from django.db import connection

    from akademia.consultations.models import Block, DecisionState
    from akademia.consultations.taxonomy import seed
    from akademia.core import append_only
    from akademia.territory.tests.factories import load_registry

    with django_db_blocker.unblock():
        load_registry()
        seed(Block, DecisionState)
        append_only.install(connection)


@pytest.fixture
def registry(transactional_db):
    """For live-server tests: the registry and the seeded taxonomy again after the previous
    test's flush (a flush also empties the rows that data migrations created)."""
    from akademia.consultations.models import Block, DecisionState
    from akademia.consultations.taxonomy import seed
    from akademia.territory.tests.factories import load_registry

    load_registry()
    seed(Block, DecisionState)


@pytest.fixture
def national(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("krajowy@test.example.org", Role.NATIONAL_OPERATOR)


@pytest.fixture
def regional(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("slaskie@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["24"])


@pytest.fixture
def regional_other(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("lodzkie@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["10"])


@pytest.fixture
def expert(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("ekspert@test.example.org", Role.EXPERT)


@pytest.fixture
def trainer(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("trener@test.example.org", Role.TRAINER, voivodeships=["24"])


@pytest.fixture
def coordinator(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("koordynator@test.example.org", Role.JST_COORDINATOR, jst="2409023")


@pytest.fixture
def coordinator_other(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("kutno@test.example.org", Role.JST_COORDINATOR, jst="1002011")


@pytest.fixture
def participant(db):
    from akademia.accounts.tests.factories import make_user

    return make_user("uczestnik@test.example.org", Role.PARTICIPANT, jst="2409023")


@pytest.fixture
def personas(national, regional, expert, trainer, coordinator, participant):
    """One user of every role, in Śląskie where a role has a scope."""
    return {
        "national": national,
        "regional": regional,
        "expert": expert,
        "trainer": trainer,
        "coordinator": coordinator,
        "participant": participant,
    }


@pytest.fixture(scope="session", autouse=True)
def _throwaway_media():
    """Uploads made by tests go to a per-run folder (MEDIA_ROOT under pytest); remove it."""
    yield
    import shutil

    from django.conf import settings

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def steady_sessions(settings, monkeypatch):
    """For counting a page's queries over a long crawl: a staff session is saved once a minute
    to note its last request (accounts.middleware), so on a slow machine some page would count
    that write; here it is written at sign-in only, and nobody is signed out for idling."""
    monkeypatch.setattr("akademia.accounts.middleware.WRITE_EVERY", float("inf"))
    settings.STAFF_IDLE_MINUTES = 24 * 60
