import datetime as dt
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english(client, settings):
    """These tests read the English source messages; the Polish pages are checked in tests of
    the views and in the browser."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


WARSAW = ZoneInfo("Europe/Warsaw")


def at(hour, minute=0, second=0, day=None) -> dt.datetime:
    """A moment of today (or of `day`) in Warsaw's time."""
    from django.utils import timezone

    return dt.datetime.combine(
        day or timezone.localdate(), dt.time(hour, minute, second), tzinfo=WARSAW
    )


@pytest.fixture
def clock(monkeypatch):
    """`clock(moment)` makes it `moment` for everything that asks `django.utils.timezone`
    (`now`, and `localdate` through it): the repository has no clock library, and nothing
    here reads the time otherwise."""
    from django.utils import timezone

    def set_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to


@pytest.fixture
def final_test_unjudged():
    """As where evaluation is not installed: the final test has only delivery's placeholder."""
    from akademia.delivery import completion

    judge = completion.RULES[completion.RuleKind.FINAL_TEST]
    completion.register(completion.FINAL_TEST_PLACEHOLDER)
    yield
    completion.register(judge)
