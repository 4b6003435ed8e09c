"""The audit log is append-only in the database itself (PostgreSQL).

A trigger refuses every UPDATE and DELETE of an audit entry, whoever asks: the application's
code, a shell, or an attacker who got the application's database role. A person's account is
therefore never deleted once it acted (`AuditEntry.actor` protects it): it is deactivated.
TRUNCATE is left to the database owner's maintenance (and the test suite's flush).
SQLite, the embedded mode for one machine, has no roles to keep apart and gets no trigger.
"""

from akademia.core.services import AUDIT_TABLE

FUNCTION = "akademia_audit_append_only"

INSTALL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % of an entry refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS {FUNCTION} ON {AUDIT_TABLE};
CREATE TRIGGER {FUNCTION} BEFORE UPDATE OR DELETE ON {AUDIT_TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""

UNINSTALL = f"""
DROP TRIGGER IF EXISTS {FUNCTION} ON {AUDIT_TABLE};
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


def install(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(INSTALL)


def migrate_install(apps, schema_editor) -> None:
    install(schema_editor.connection)


def migrate_uninstall(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL)
