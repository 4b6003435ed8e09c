import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english(client, settings):
    """These tests read the English source messages (the Polish pages: the browser test)."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def trained(national, regional, expert, trainer):
    """A Śląskie group whose training is over, everyone marked present (one person absent on
    every day), one certificate issued. Returns the group."""
    from akademia.delivery.tests import factories

    group = factories.finished_training(national, regional, expert, trainer, days=3)
    people = list(group.participants.order_by("pk"))
    factories.mark_days(trainer, group, {people[-1]: 0})
    factories.issued_certificate(people[0], actor=regional)
    return group
