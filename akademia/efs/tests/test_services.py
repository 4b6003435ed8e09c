import datetime as dt

import pytest

from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.efs import services
from akademia.efs.models import MonitoringData
from akademia.efs.tests.factories import PESEL_WOMAN, answers


def test_a_participant_gives_their_data_and_the_pesel_gives_sex_and_birth(person):
    data = services.monitoring_data_save(actor=person.user, participation=person, answers=answers())
    assert (data.pesel, data.sex, data.birth_date) == (PESEL_WOMAN, "female", dt.date(1985, 3, 14))
    assert data.phone == "600100200" and data.jst == person.jst and data.filled_by == person.user
    entry = AuditEntry.objects.get(action="efs.data.given")
    assert entry.data == {"on_behalf": False} and PESEL_WOMAN not in str(entry.data)
    # A second save changes the one record.
    services.monitoring_data_save(
        actor=person.user, participation=person, answers=answers(education="isced3-4")
    )
    assert MonitoringData.objects.get().education == "isced3-4"
    assert AuditEntry.objects.filter(action="efs.data.changed").count() == 1


def test_a_wrong_check_digit_is_refused_naming_the_problem(person):
    wrong = PESEL_WOMAN[:10] + str((int(PESEL_WOMAN[10]) + 1) % 10)
    with pytest.raises(DomainError) as refused:
        services.monitoring_data_save(
            actor=person.user, participation=person, answers=answers(pesel=wrong)
        )
    assert refused.value.field == "pesel" and "(cyfra kontrolna)" in str(refused.value)
    assert not MonitoringData.objects.exists()


def test_without_a_pesel_the_reason_sex_and_birth_date_are_needed(person):
    with pytest.raises(DomainError) as refused:
        services.monitoring_data_save(
            actor=person.user, participation=person, answers=answers(pesel="")
        )
    assert refused.value.field == "no_pesel_reason"
    data = services.monitoring_data_save(
        actor=person.user,
        participation=person,
        answers=answers(
            pesel="", no_pesel_reason="foreigner", sex="male", birth_date=dt.date(1990, 1, 2)
        ),
    )
    assert (data.pesel, data.sex, data.no_pesel_reason) == ("", "male", "foreigner")


def test_the_coordinator_gives_them_on_behalf_of_the_jsts_people(person, coordinator):
    services.monitoring_data_save(actor=coordinator, participation=person, answers=answers())
    assert AuditEntry.objects.get(action="efs.data.given").data == {"on_behalf": True}


def test_nobody_else_gives_them(group, person, coordinator_other, regional, participant):
    other_person = group.participants.exclude(user=person.user).first()
    for actor in (coordinator_other, regional, participant, other_person.user):
        with pytest.raises(DomainError):
            services.monitoring_data_save(actor=actor, participation=person, answers=answers())


def test_the_situation_at_the_end_waits_for_the_end(person):
    with pytest.raises(DomainError) as refused:
        services.monitoring_data_save(
            actor=person.user, participation=person, answers=answers(end_situation="employed")
        )
    assert refused.value.field == "end_situation"


def test_residence_is_a_commune(person):
    from akademia.territory.models import Jst

    county = Jst.objects.get(code="2409000")
    with pytest.raises(DomainError) as refused:
        services.monitoring_data_save(
            actor=person.user, participation=person, answers=answers(residence=county)
        )
    assert refused.value.field == "residence"
