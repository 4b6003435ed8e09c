"""The audit log cannot be changed or emptied row by row, even by the application's own role."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from akademia.core import audit
from akademia.core.models import AuditEntry

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (core/append_only.py)"
)


@pytest.fixture
def entry(national):
    audit.record(national, "core.email.sent_again", national, {"why": "a test"})
    return AuditEntry.objects.get(action="core.email.sent_again")


@postgresql
def test_an_entry_cannot_be_updated_by_the_orm_or_by_sql(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="core.forged")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditentry SET data = '{}' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.action == "core.email.sent_again" and entry.data == {"why": "a test"}


@postgresql
def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_an_account_that_acted_is_not_deleted_with_its_trail(entry, national):
    with pytest.raises(ProtectedError), transaction.atomic():
        national.delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor == national
