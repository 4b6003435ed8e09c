"""The e-mail outbox: queued with the change, sent once by the worker, tried again later.

No test sleeps: "time passes" is a row's `send_after` or `claimed_until` moved into the past.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from akademia.accounts.roles import Role
from akademia.accounts.services import user_invite
from akademia.core import outbox
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry, OutboxEmail
from akademia.core.tasks import send_outbox
from akademia.core.tests import mail_backends
from akademia.core.tests.factories import send_queued

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DOWN = "akademia.core.tests.mail_backends.Down"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _queue(*keys: str) -> None:
    with transaction.atomic():
        for key in keys:
            outbox.queue(key=key, to="osoba@example.org", subject=f"Temat {key}", body="Treść")


def _time_passes(**rows) -> None:
    """Every wait (backoff, claim) of the rows is over."""
    past = timezone.now() - timedelta(seconds=1)
    OutboxEmail.objects.filter(**rows).update(send_after=past)
    OutboxEmail.objects.filter(claimed_until__isnull=False, **rows).update(claimed_until=past)


def _sends_of_outbox() -> list:
    """Collects the sending tasks enqueued while it is connected."""
    enqueued = []

    def collect(sender, task_result, **kwargs):
        if task_result.task.module_path == send_outbox.module_path:
            enqueued.append(task_result)

    task_enqueued.connect(collect, weak=False)
    return enqueued, lambda: task_enqueued.disconnect(collect)


def test_the_same_key_queued_twice_is_one_row_and_one_e_mail(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _queue("tests.a:1", "tests.a:1")  # twice in one transaction
        _queue("tests.a:1")  # and again later (a service run again, a retry)
    assert OutboxEmail.objects.count() == 1
    [sent] = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (["osoba@example.org"], "Temat tests.a:1", "Treść")
    assert sent.extra_headers["Message-ID"] == outbox.message_id("tests.a:1")
    assert "tests.a" not in sent.extra_headers["Message-ID"]
    assert send_queued() == []


def test_running_the_sender_twice_sends_each_message_once(db):
    _queue("tests.b:1", "tests.b:2", "tests.b:3")
    assert sorted(m.subject for m in send_queued()) == [f"Temat tests.b:{i}" for i in (1, 2, 3)]
    assert send_queued() == []
    assert send_queued() == []
    assert len(mail.outbox) == 3
    for row in OutboxEmail.objects.all():
        assert row.sent_at and row.body == ""  # the body is not kept once sent
        assert (row.claim, row.claimed_until, row.attempts) == ("", None, 0)


def test_a_mail_server_that_is_down_delays_the_message_until_it_is_back(db, settings):
    _queue("tests.c:1")
    settings.EMAIL_BACKEND = DOWN
    assert send_queued() == []
    row = OutboxEmail.objects.get()
    assert row.sent_at is None and row.attempts == 1
    assert row.last_error == "ConnectionRefusedError 111"
    wait = row.send_after - timezone.now()
    assert timedelta(seconds=settings.OUTBOX_RETRY_SECONDS - 10) < wait
    assert wait <= timedelta(seconds=settings.OUTBOX_RETRY_SECONDS)

    settings.EMAIL_BACKEND = LOCMEM  # back, but the backoff is not over yet
    assert send_queued() == []
    _time_passes()
    [sent] = send_queued()
    assert sent.subject == "Temat tests.c:1"
    assert send_queued() == []
    row.refresh_from_db()
    assert row.sent_at and row.attempts == 1 and row.last_error == ""


def test_the_backoff_doubles_up_to_its_cap_and_then_the_message_is_left_failed(db, settings):
    settings.EMAIL_BACKEND = DOWN
    settings.OUTBOX_MAX_ATTEMPTS = 4
    settings.OUTBOX_RETRY_MAX_SECONDS = 150
    _queue("tests.d:1")
    waits = []
    for _attempt in range(4):
        _time_passes()
        send_queued()
        row = OutboxEmail.objects.get()
        waits.append(round((row.send_after - timezone.now()).total_seconds() / 10) * 10)
    assert waits[:3] == [60, 120, 150]
    assert row.attempts == 4 and row.failed_at and row.sent_at is None
    assert row.body == "Treść"  # kept (for OUTBOX_KEEP_DAYS) so an operator can send it again
    settings.EMAIL_BACKEND = LOCMEM
    _time_passes()
    assert send_queued() == []  # given up: never sent on its own again


def test_the_error_kept_names_no_address(db, settings):
    _queue("tests.e:1")
    settings.EMAIL_BACKEND = "akademia.core.tests.mail_backends.Refuses"
    send_queued()
    row = OutboxEmail.objects.get()
    assert row.last_error == "SMTPRecipientsRefused" and row.attempts == 1


def test_a_claim_left_by_a_killed_worker_is_taken_by_the_next_run_and_sent_rows_never_again(db):
    _queue("tests.f:left", "tests.f:sent", "tests.f:busy")
    past, future = timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(minutes=5)
    OutboxEmail.objects.filter(key="tests.f:left").update(claim="dead", claimed_until=past)
    OutboxEmail.objects.filter(key="tests.f:sent").update(
        claim="dead", claimed_until=past, sent_at=past
    )
    OutboxEmail.objects.filter(key="tests.f:busy").update(claim="alive", claimed_until=future)
    assert [m.subject for m in send_queued()] == ["Temat tests.f:left"]
    assert send_queued() == []  # the busy one is another worker's until its claim runs out


def test_a_worker_killed_mid_batch_leaves_no_message_sent_twice(db, settings):
    keys = [f"tests.g:{i}" for i in range(5)]
    _queue(*keys)
    settings.EMAIL_BACKEND = "akademia.core.tests.mail_backends.KilledOnThird"
    mail_backends.KilledOnThird.delivered = 0
    with pytest.raises(mail_backends.Killed):
        outbox.send_due()
    assert len(mail.outbox) == 2
    left = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert left.count() == 3 and all(row.claimed_until for row in left)

    settings.EMAIL_BACKEND = LOCMEM  # the next worker
    assert send_queued() == []  # the dead worker's claim still holds
    _time_passes()
    assert len(send_queued()) == 3
    assert sorted(m.subject for m in mail.outbox) == sorted(f"Temat {key}" for key in keys)


def test_a_rolled_back_change_queues_no_e_mail(db, national, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture, pytest.raises(DomainError), transaction.atomic():
        user_invite(actor=national, email="nowy@example.org", full_name="N", role=Role.EXPERT)
        raise DomainError("The next step of the same change failed.")
    assert not OutboxEmail.objects.exists()
    assert send_queued() == [] and mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_queuing_outside_a_transaction_is_refused():
    """Else an e-mail could exist for a change that then rolled back."""
    with pytest.raises(RuntimeError, match="inside the transaction"):
        outbox.queue(key="tests.h:1", to="osoba@example.org", subject="S", body="B")


def test_one_transaction_of_many_e_mails_enqueues_one_sender(
    db, django_capture_on_commit_callbacks
):
    enqueued, stop = _sends_of_outbox()
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            outbox.queue_many(
                outbox.Email(key=f"tests.i:{i}", to="osoba@example.org", subject="S", body="B")
                for i in range(30)
            )
            for i in range(30, 40):
                outbox.queue(key=f"tests.i:{i}", to="osoba@example.org", subject="S", body="B")
    finally:
        stop()
    assert len(enqueued) == 1
    assert len(mail.outbox) == 40


def test_a_waiting_sender_is_not_enqueued_again(db, django_capture_on_commit_callbacks):
    senders = DBTaskResult.objects.filter(task_path=send_outbox.module_path, status="READY")
    with override_settings(TASKS=DATABASE_QUEUE):
        for key in ("tests.j:1", "tests.j:2"):  # two requests before a worker runs
            with django_capture_on_commit_callbacks(execute=True):
                _queue(key)
        assert senders.count() == 1


def test_a_failed_message_wakes_a_sender_for_when_its_backoff_ends(db, settings):
    settings.EMAIL_BACKEND = DOWN
    _queue("tests.k:1")
    with override_settings(TASKS=DATABASE_QUEUE):
        outbox.send_due()
    row = OutboxEmail.objects.get()
    [waiting] = DBTaskResult.objects.filter(task_path=send_outbox.module_path, status="READY")
    assert waiting.run_after == row.send_after


def test_sent_and_failed_rows_are_deleted_after_the_retention(db, settings):
    _queue("tests.l:old-sent", "tests.l:old-failed", "tests.l:recent", "tests.l:waiting")
    send_queued()
    old = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS, hours=1)
    OutboxEmail.objects.filter(key="tests.l:old-sent").update(sent_at=old)
    OutboxEmail.objects.filter(key="tests.l:old-failed").update(sent_at=None, failed_at=old)
    OutboxEmail.objects.filter(key="tests.l:waiting").update(
        sent_at=None, created_at=old, send_after=timezone.now() + timedelta(hours=1)
    )
    send_queued()
    assert sorted(OutboxEmail.objects.values_list("key", flat=True)) == [
        "tests.l:recent",
        "tests.l:waiting",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_sends_what_waits_without_a_task():
    """E-mails a killed worker had claimed, and one whose task was lost: `akademia worker`
    sweeps the outbox at start and sends them, once."""
    with transaction.atomic():
        for key in ("tests.m:claimed", "tests.m:lost"):
            OutboxEmail.objects.create(key=key, to="osoba@example.org", subject=key, body="B")
    long_ago = timezone.now() - timedelta(hours=1)
    OutboxEmail.objects.filter(key="tests.m:claimed").update(claim="dead", claimed_until=long_ago)
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    assert sorted(m.subject for m in mail.outbox) == ["tests.m:claimed", "tests.m:lost"]
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()


def test_the_national_operator_sees_failed_e_mails_without_content_and_sends_one_again(
    client, national, settings, django_capture_on_commit_callbacks
):
    _queue("tests.n:1")
    OutboxEmail.objects.update(body="Poufna treść", last_error="ConnectionRefusedError 111")
    settings.OUTBOX_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = DOWN
    _time_passes()
    send_queued()
    row = OutboxEmail.objects.get()
    assert row.failed_at and row.attempts == 1
    client.force_login(national)
    html = client.get(reverse("core:email-list")).content.decode()
    assert "osoba@example.org" in html and "Temat tests.n:1" in html
    assert "Nie udało się połączyć z serwerem poczty." in html
    assert "Poufna treść" not in html and "tests.n" not in html.replace("Temat tests.n:1", "")

    settings.EMAIL_BACKEND = LOCMEM  # the cause is fixed
    url = reverse("core:email-send-again", args=[row.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "zostanie wysłany ponownie" in response.content.decode()
    [sent] = mail.outbox
    assert sent.body == "Poufna treść"
    assert AuditEntry.objects.filter(action="core.email.sent_again", target_id=str(row.pk))
    assert "Nie ma niewysłanych e-maili." in client.get(reverse("core:email-list")).content.decode()
    response = client.post(url)  # sent meanwhile: no longer there
    assert response.status_code == 404
    assert len(mail.outbox) == 1
