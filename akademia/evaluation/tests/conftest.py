import pytest

from akademia.evaluation.tests.factories import (
    finished_group,
    open_surveys,
    satisfaction,
    survey_of,
)


@pytest.fixture
def world(national, regional, expert, trainer):
    """A finished Śląskie group of the trainer persona with its satisfaction survey open: (group,
    version, questionnaire, survey)."""
    group, version = finished_group(national, regional, expert, trainer)
    questionnaire = satisfaction(version, national)
    open_surveys()
    return group, version, questionnaire, survey_of(group)
