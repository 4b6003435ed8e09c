from datetime import date

import pytest

from akademia.consultations import services
from akademia.consultations.models import Block
from akademia.programmes.models import VersionStatus
from akademia.programmes.tests.factories import make_version
from akademia.territory.models import Jst


@pytest.fixture
def version(expert, national):
    return make_version(expert, national, VersionStatus.IN_CONSULTATION)


@pytest.fixture
def consultation(version, national):
    return services.round_create(actor=national, version=version, title="Konsultacje 2017")


@pytest.fixture
def meeting(consultation, national):
    return services.meeting_add(
        actor=national,
        consultation=consultation,
        kind="rural",
        place=Jst.objects.get(code="2409023"),
        start_date=date(2017, 1, 12),
        end_date=date(2017, 1, 13),
    )


@pytest.fixture
def blocks(db):
    return {b.code: b for b in Block.objects.all()}
