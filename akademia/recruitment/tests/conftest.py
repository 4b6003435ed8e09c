import pytest

from akademia.recruitment import services
from akademia.recruitment.tests.factories import make_version, open_call
from akademia.territory.models import Voivodeship


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def version(expert, national):
    return make_version(expert, national)


@pytest.fixture
def pilot(national):
    return services.project_create(actor=national, name="Pilotaż", target_jst=30, target_people=90)


@pytest.fixture
def slaskie_project(national):
    return services.project_create(
        actor=national, name="Projekt śląski", voivodeship=Voivodeship.objects.get(code="24")
    )


@pytest.fixture
def call(national, pilot, version):
    return open_call(national, pilot, version)


@pytest.fixture
def slaskie_call(regional, slaskie_project, version):
    return open_call(regional, slaskie_project, version, title="Nabór śląski")


@pytest.fixture
def lodzkie_call(national, version):
    project = services.project_create(
        actor=national, name="Projekt łódzki", voivodeship=Voivodeship.objects.get(code="10")
    )
    return open_call(national, project, version, title="Nabór łódzki")


@pytest.fixture(autouse=True)
def english_messages(client, settings):
    """These tests read the English source messages; the Polish ones are checked in the UI tests."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
