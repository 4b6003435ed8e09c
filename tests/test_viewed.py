"""The audit log records who viewed participant data, not only who changed it (issue #16):
one entry per request (a list: one entry with the number of people shown), through one
mechanism, `core.audit.viewed`."""

from django.urls import reverse

from akademia.core.audit import VIEWED
from akademia.core.models import AuditEntry
from akademia.delivery.models import TrainingDay
from akademia.delivery.tests.factories import training
from akademia.recruitment.models import Application


def _entries(**kwargs):
    return list(AuditEntry.objects.filter(action=VIEWED, **kwargs).order_by("pk"))


def test_pages_and_exports_of_people_record_who_viewed_them(
    client, national, regional, expert, trainer, coordinator
):
    group = training(national, regional, expert, trainer, size=3)
    people = group.participants.count()
    day = TrainingDay.objects.filter(meeting__group=group).order_by("date").first()
    application = Application.objects.filter(call__project=group.project).first()

    client.force_login(regional)
    pages = [
        (reverse("accounts:user-detail", args=[coordinator.pk]), None),
        (reverse("delivery:group-detail", args=[group.pk]), people),
        (reverse("delivery:day-detail", args=[day.pk]), people),
        (reverse("delivery:day-pdf", args=[day.pk]), people),
        (reverse("delivery:group-completion", args=[group.pk]), people),
        (reverse("delivery:report-xlsx"), people),
        (reverse("recruitment:application-detail", args=[application.pk]), None),
        (reverse("accounts:user-list"), None),
        (reverse("reporting:people") + "?etap=started", None),
        (reverse("efs:project-detail", args=[group.project.pk]), people),
    ]
    for url, count in pages:
        before = len(_entries())
        assert client.get(url).status_code == 200, url
        new = _entries()[before:]
        assert len(new) == 1, url  # one entry per request, however many people it shows
        entry = new[0]
        assert entry.actor == regional
        if count is not None:
            assert entry.data["count"] == count, url
    detail = _entries(target_type="accounts.user", target_id=str(coordinator.pk))[0]
    assert detail.data["what"] == "accounts:user-detail"
    assert detail.voivodeship_code == "24"  # filed under the person's voivodeship
    # The regional operator reads it in the audit log of their region.
    log = client.get(reverse("core:audit-log")).content.decode()
    assert "Wyświetlono dane osobowe" in log


def test_a_person_reading_their_own_data_records_no_view(client, participant):
    from akademia.core import audit

    assert audit.viewed(participant, participant, what="accounts:profile") is None
    assert not _entries()
