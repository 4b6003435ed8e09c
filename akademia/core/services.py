"""`@service`: every write of the domain is one transaction and leaves an audit entry.

    @service
    def call_update(*, actor: Actor, call: Call, **fields) -> Call: ...

It is `transaction.atomic` plus, when `AUDIT_CHECK` is on (tests, DEBUG), a watch on the SQL the
function runs: a service that inserts, updates or deletes rows of the domain without inserting
an audit entry in the same call raises `UnauditedWrite`. So a new service cannot forget the
audit log; `tests/test_architecture.py` checks that no service module uses a bare
`transaction.atomic` instead.
"""

import functools
import re

from django.conf import settings
from django.db import connection, transaction

# Tables whose rows are bookkeeping, not the domain: writing them needs no audit entry.
BOOKKEEPING = (
    "core_auditentry",
    "core_job",
    "core_ratehit",
    "django_session",
    "django_tasks_database",
    "django_tasks_db",
    "axes_",
    "consultations_classifiersnapshot",
    # An authenticator's throttle counter and last step used (django-otp), like axes' failures;
    # creating a device's recovery codes (otp_static_statictoken) is audited.
    "otp_totp_totpdevice",
    "otp_static_staticdevice",
)
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)
AUDIT_TABLE = "core_auditentry"


class UnauditedWrite(AssertionError):
    """A service changed the domain and recorded nothing in the audit log."""


class _Watch:
    def __init__(self):
        self.written: set[str] = set()
        self.audited = False

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match:
            table = match.group(1).lower()
            if table == AUDIT_TABLE:
                self.audited = True
            elif not table.startswith(BOOKKEEPING):
                self.written.add(table)
        return execute(sql, params, many, context)


def service(func):
    @functools.wraps(func)
    def run(*args, **kwargs):
        if not settings.AUDIT_CHECK:
            with transaction.atomic():
                return func(*args, **kwargs)
        watch = _Watch()
        with transaction.atomic(), connection.execute_wrapper(watch):
            result = func(*args, **kwargs)
            if watch.written and not watch.audited:
                raise UnauditedWrite(
                    f"{func.__module__}.{func.__qualname__} wrote {sorted(watch.written)} "
                    "without an audit entry"
                )
        return result

    run.is_service = True
    return run
