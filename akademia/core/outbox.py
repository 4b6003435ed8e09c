"""The outbox: every e-mail of the platform, queued with the change it announces and sent once.

    outbox.queue(key=f"recruitment.result:{application.pk}:{run.pk}", to=address,
                 subject=subject, body=body)

Call `queue` (or `queue_many` for many messages, one INSERT) inside the service's transaction:
the message exists if and only if the change committed. The caller names each message with a
`key`; a key already queued is ignored, so the same message is never queued twice. On commit one
sending task (`core.tasks.send_outbox`) is enqueued per transaction, however many messages it
queued, and none when one is already waiting in the queue.

The sender (`send_due`, run by `akademia worker`) claims due rows in batches (SELECT ... FOR
UPDATE SKIP LOCKED on PostgreSQL, so workers share the work), sends each with Django's mail
backend and marks it sent in its own commit right after. A mail server error leaves the message
for later (exponential backoff, OUTBOX_RETRY_SECONDS doubling up to OUTBOX_RETRY_MAX_SECONDS),
and after OUTBOX_MAX_ATTEMPTS it stays failed for the operators. A claim lasts
OUTBOX_CLAIM_SECONDS: the batch of a killed worker is taken by the next run after that. A sent
row is never sent again; the one window left for a duplicate is a crash between the server
accepting a message and the commit of its `sent_at` (docs/tasks.md).
"""

import hashlib
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from smtplib import SMTPException
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.models import OutboxEmail
from akademia.core.services import service

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    """One message to queue: `key` names it (see the module's docstring)."""

    key: str
    to: str
    subject: str
    body: str
    send_after: datetime | None = None


def queue(*, key: str, to: str, subject: str, body: str, send_after=None) -> None:
    """Queue one e-mail in the current transaction (see `queue_many`)."""
    queue_many([Email(key=key, to=to, subject=subject, body=body, send_after=send_after)])


def queue_many(emails: Iterable[Email]) -> int:
    """Queue e-mails in the current transaction, in one INSERT however many; keys already
    queued (or repeated) are ignored. Returns how many were offered."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("Queue e-mails inside the transaction of the change they announce.")
    now = timezone.now()
    rows = {}
    for email in emails:
        if len(email.key) > OutboxEmail._meta.get_field("key").max_length:
            raise ValueError(f"E-mail key too long: {email.key!r}")
        rows.setdefault(
            email.key,
            OutboxEmail(
                key=email.key,
                to=email.to,
                # A header: one line (a line break would make the backend refuse the message).
                subject=" ".join(str(email.subject).split())[:300],
                body=str(email.body),
                created_at=now,
                send_after=email.send_after or now,
            ),
        )
    if not rows:
        return 0
    OutboxEmail.objects.bulk_create(rows.values(), ignore_conflicts=True)
    _wake_sender_on_commit(connection)
    return len(rows)


def _wake_sender_on_commit(connection) -> None:
    """One sender per transaction, however many messages: the callback is registered once
    while the savepoints it was registered in are still open (a savepoint rolled back takes
    its callbacks with it; after one was released, a second callback is harmless, as it finds
    the first task waiting; and a test that runs only the callbacks of one service gets its
    own)."""
    open_ids = set(connection.savepoint_ids)
    registered = (
        func is _wake_sender and ids <= open_ids for ids, func, _robust in connection.run_on_commit
    )
    if not any(registered):
        transaction.on_commit(_wake_sender, robust=True)


def message_id(key: str) -> str:
    """The same Message-ID for every attempt of a message, so a receiving server or client may
    recognise a copy; derived from the key without showing it."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


# Waking the sender ----------------------------------------------------------------------------


def _wake_sender(run_after: datetime | None = None) -> None:
    """Enqueue the sending task to run now (or at `run_after`), unless one already waits to
    run by then. Messages are committed before this runs, so a waiting task will see them."""
    from akademia.core.tasks import send_outbox

    if _sender_waiting(send_outbox, run_after or timezone.now()):
        return
    if run_after is not None:
        if not send_outbox.get_backend().supports_defer:
            return  # an inline queue (tests) cannot wait; what is due runs on the next commit
        send_outbox.using(run_after=run_after).enqueue()
    else:
        send_outbox.enqueue()


def _sender_waiting(send_outbox, by: datetime) -> bool:
    if not apps.is_installed("django_tasks_db"):
        return False
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(send_outbox.get_backend(), DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(task_path=send_outbox.module_path, status="READY")
    return waiting.filter(Q(run_after=get_date_max()) | Q(run_after__lte=by)).exists()


def next_due() -> datetime | None:
    """When the earliest message waiting to be sent may be sent (a claimed one: when its claim
    runs out), or None when nothing waits."""
    waiting = OutboxEmail.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
    at = Greatest("send_after", Coalesce("claimed_until", "send_after"))
    return waiting.aggregate(at=Min(at))["at"]


def sweep() -> bool:
    """Make sure a sender will run for the messages waiting: at the start of a worker and by
    its reaper (a killed worker's batch, a message whose backoff ends while no task waits, a
    task lost between a commit and its enqueue). True when something waits."""
    at = next_due()
    if at is None:
        return False
    _wake_sender(at if at > timezone.now() else None)
    return True


# Sending ---------------------------------------------------------------------------------------


def _due(now: datetime) -> Q:
    unclaimed = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    return Q(sent_at__isnull=True, failed_at__isnull=True, send_after__lte=now) & unclaimed


def send_due() -> int:
    """Send what is due, batch by batch, for at most OUTBOX_RUN_SECONDS; then wake a sender for
    what is left or comes due later, and delete old rows. Returns how many were sent."""
    started = timezone.now()
    budget = timedelta(seconds=settings.OUTBOX_RUN_SECONDS)
    sent = 0
    while timezone.now() - started < budget:
        token, batch = _claim()
        if not batch:
            break
        sent_now, failed = _send_batch(token, batch)
        sent += sent_now
        if failed and not sent_now:
            break  # the mail server is down: the rest waits for its turn (sweep or next run)
    _delete_old()
    if _queue_defers():
        sweep()  # an inline queue (tests) has no later: the next commit runs the sender again
    return sent


def _queue_defers() -> bool:
    from akademia.core.tasks import send_outbox

    return send_outbox.get_backend().supports_defer


def _claim() -> tuple[str, list[OutboxEmail]]:
    """Claim a batch of due rows for this run. The UPDATE repeats the condition, so a row
    another worker claimed meanwhile (SQLite has no SKIP LOCKED) is not taken twice."""
    token, now = uuid.uuid4().hex, timezone.now()
    until = now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    with transaction.atomic():
        due = OutboxEmail.objects.filter(_due(now)).order_by("send_after", "pk")
        ids = list(
            due.select_for_update(skip_locked=True).values_list("pk", flat=True)[
                : settings.OUTBOX_BATCH
            ]
        )
        if not ids:
            return token, []
        OutboxEmail.objects.filter(_due(now), pk__in=ids).update(claim=token, claimed_until=until)
    return token, list(OutboxEmail.objects.filter(claim=token).order_by("send_after", "pk"))


def _send_batch(token: str, batch: list[OutboxEmail]) -> tuple[int, int]:
    sent = failed = 0
    connection = mail.get_connection()
    try:
        connection.open()
    except (SMTPException, OSError) as error:
        for row in batch:
            _failed(row, token, error)
        return 0, len(batch)
    try:
        for row in batch:
            if not _still_mine(row, token):
                continue  # its claim ran out and another run took it (and maybe sent it)
            try:
                if not _message(row, connection).send():
                    raise SMTPException("The mail backend sent nothing.")
            except Exception as error:  # noqa: BLE001 - any failure counts, or a bad message loops
                _failed(row, token, error)
                failed += 1
                continue
            _sent(row)
            sent += 1
    finally:
        try:
            connection.close()
        except (SMTPException, OSError):
            logger.warning("Closing the connection to the mail server failed", exc_info=True)
    return sent, failed


def _message(row: OutboxEmail, connection) -> mail.EmailMessage:
    return mail.EmailMessage(
        subject=row.subject,
        body=row.body,
        to=[row.to],
        connection=connection,
        headers={"Message-ID": message_id(row.key)},
    )


def _still_mine(row: OutboxEmail, token: str) -> bool:
    """Right before sending: the row is unsent and still claimed by this run (the claim is
    renewed, so a long batch does not lose it)."""
    until = timezone.now() + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    mine = OutboxEmail.objects.filter(pk=row.pk, claim=token, sent_at__isnull=True)
    return bool(mine.update(claimed_until=until))


def _sent(row: OutboxEmail) -> None:
    """Its own commit, right after the server took it. Recorded whoever holds the claim now:
    the message went out, so no run may send it again. The body is not kept."""
    OutboxEmail.objects.filter(pk=row.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), body="", claim="", claimed_until=None, last_error=""
    )


def _failed(row: OutboxEmail, token: str, error: Exception) -> None:
    now = timezone.now()
    attempts = row.attempts + 1
    delay = min(
        settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1), settings.OUTBOX_RETRY_MAX_SECONDS
    )
    fields = {
        "attempts": attempts,
        "send_after": now + timedelta(seconds=delay),
        "claim": "",
        "claimed_until": None,
        "last_error": describe(error),
    }
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        fields["failed_at"] = now
    OutboxEmail.objects.filter(pk=row.pk, claim=token, sent_at__isnull=True).update(**fields)
    logger.warning("E-mail %s not sent (attempt %d): %s", row.pk, attempts, fields["last_error"])


def describe(error: Exception) -> str:
    """The error's class and code, never its text: a server's reply may quote the addresses."""
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    name = type(error).__name__
    return (f"{name} {code}" if code else name)[:100]


def _delete_old() -> None:
    """Sent and failed rows older than OUTBOX_KEEP_DAYS go (a key is therefore remembered, and
    a failed message can be sent again, for that long)."""
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    OutboxEmail.objects.filter(Q(sent_at__lt=cutoff) | Q(failed_at__lt=cutoff)).delete()


# Failed e-mails, for the operators --------------------------------------------------------------

UNREACHABLE = {
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConnectionAbortedError",
    "TimeoutError",
    "gaierror",
    "OSError",
    "SMTPConnectError",
    "SMTPServerDisconnected",
}


def error_label(last_error: str) -> str:
    """What `last_error` (`describe`) means, in words for the operators' page."""
    name, _space, code = last_error.partition(" ")
    if name in UNREACHABLE:
        return _("The mail server could not be reached.")
    if name == "SMTPRecipientsRefused":
        return _("The mail server refused the recipient's address.")
    if name == "SMTPSenderRefused":
        return _("The mail server refused the sender's address.")
    if name == "SMTPAuthenticationError":
        return _("The platform could not sign in to the mail server.")
    if name.startswith("SMTP"):
        if code:
            return _("The mail server refused the message (code %(code)s).") % {"code": code}
        return _("The mail server refused the message.")
    return _("The message could not be sent because of an error of the platform.")


@service
def email_send_again(*, actor, email: OutboxEmail) -> None:
    """An operator sends a failed e-mail again: its attempts start over, from now."""
    from akademia.accounts.permissions import require
    from akademia.accounts.roles import Capability

    require(actor, Capability.MANAGE_OUTBOX)
    failed = OutboxEmail.objects.filter(pk=email.pk, failed_at__isnull=False, sent_at__isnull=True)
    if not failed.update(failed_at=None, attempts=0, send_after=timezone.now()):
        raise DomainError(_("This e-mail is no longer waiting to be sent again."))
    audit.record(actor, "core.email.sent_again", email, {"attempts": email.attempts})
    _wake_sender_on_commit(transaction.get_connection())
