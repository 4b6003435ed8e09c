import pytest
from django.db import transaction

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.planning.tests.factories import enrolled_project
from akademia.recruitment.models import Project


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english(client, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The personas, made once for a test module inside a transaction rolled back at its end;
    each test runs in a savepoint of it. Made per test, they and the project below (a whole
    recruitment pipeline) were most of these modules' time."""
    from akademia.territory.tests.factories import load_registry

    with django_db_blocker.unblock():
        load_registry()  # a live-server test on this worker may have flushed the database
    with django_db_blocker.unblock(), transaction.atomic():
        people = {
            "national": make_user("krajowy@test.example.org", Role.NATIONAL_OPERATOR),
            "regional": make_user(
                "slaskie@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["24"]
            ),
            "expert": make_user("ekspert@test.example.org", Role.EXPERT),
        }
        yield {name: user.pk for name, user in people.items()}
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def world_project(world, django_db_blocker):
    """The enrolled Śląskie project, made once for the modules that ask for `project`."""
    with django_db_blocker.unblock():
        users = User.objects.in_bulk(world.values())
        national, regional, expert = (
            users[world[name]] for name in ("national", "regional", "expert")
        )
        return enrolled_project(national, regional, expert).pk


# Fresh objects for every test: a test may change the ones it gets (rolled back in the
# database, but not in memory).
@pytest.fixture
def national(world, db):
    return User.objects.get(pk=world["national"])


@pytest.fixture
def regional(world, db):
    return User.objects.get(pk=world["regional"])


@pytest.fixture
def expert(world, db):
    return User.objects.get(pk=world["expert"])


@pytest.fixture
def project(world_project, db):
    return Project.objects.get(pk=world_project)
