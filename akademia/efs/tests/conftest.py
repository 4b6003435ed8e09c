import pytest


@pytest.fixture
def group(national, regional, expert, trainer):
    """A Śląskie group of Koziegłowy and Bestwina (4 people each) meeting today."""
    from akademia.delivery.tests.factories import training

    return training(national, regional, expert, trainer)


@pytest.fixture
def person(group):
    """A participant of Koziegłowy (the coordinator persona's JST), as a delivery row."""
    return group.participants.filter(jst__code="2409023").order_by("pk").first()
