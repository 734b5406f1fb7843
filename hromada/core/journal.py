"""Append-only journals: database triggers that refuse UPDATE and DELETE on an event table.

Every domain's event table (журнал) is a record of who did what and when; the database itself keeps it
unchanged, so neither a bug, the admin nor a hand-written query can rewrite history. Row-level UPDATE
and DELETE are refused on PostgreSQL and SQLite alike. TRUNCATE (the table owner's maintenance
statement, also how Django's test runner empties tables on PostgreSQL) is left to administration.

Mind SQLite: a migration that rebuilds such a table (most AlterField/RemoveField with a column change)
drops its triggers; such a migration must end with `append_only_operations(table)` again (idempotent).
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

#: The tables kept append-only, in the order a test purge empties them.
JOURNAL_TABLES = ("appeals_appealevent", "petitions_petitionevent", "questions_questionevent")


def sqlite_delete_trigger(table: str) -> str:
    """The SQLite trigger refusing DELETE (a test purge drops it for one statement and makes it again)."""
    return (
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table}: events are append-only'); END"
    )


def _sqlite_forward(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table}: events are append-only'); END",
        sqlite_delete_trigger(table),
    ]


def _pg_forward(table: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{table}: events are append-only'; END $$""",
        f"""CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_refuse()""",
    ]


def _pg_backward(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_refuse()",
    ]


def _sqlite_backward(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete"]


def append_only_operations(table: str) -> list[migrations.RunPython]:
    """Migration operations making `table` append-only on the connection's vendor (and undoing it)."""

    def forward(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        postgres = schema_editor.connection.vendor == "postgresql"
        for sql in _pg_forward(table) if postgres else _sqlite_forward(table):
            schema_editor.execute(sql)

    def backward(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        postgres = schema_editor.connection.vendor == "postgresql"
        for sql in _pg_backward(table) if postgres else _sqlite_backward(table):
            schema_editor.execute(sql)

    return [migrations.RunPython(forward, backward, elidable=False)]
