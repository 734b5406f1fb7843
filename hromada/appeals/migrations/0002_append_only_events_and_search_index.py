"""The journal is append-only in the database itself, and PostgreSQL gets a full-text index.

Row-level UPDATE and DELETE are refused. TRUNCATE (the table owner's maintenance statement, also how
Django's test runner empties tables on PostgreSQL) is left to database administration.
"""

from django.db import migrations

SQLITE_TRIGGERS = [
    """CREATE TRIGGER appeals_appealevent_no_update BEFORE UPDATE ON appeals_appealevent
       BEGIN SELECT RAISE(ABORT, 'appeal events are append-only'); END""",
    """CREATE TRIGGER appeals_appealevent_no_delete BEFORE DELETE ON appeals_appealevent
       BEGIN SELECT RAISE(ABORT, 'appeal events are append-only'); END""",
]
PG_FORWARD = [
    """CREATE FUNCTION appeals_appealevent_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'appeal events are append-only'; END $$""",
    """CREATE TRIGGER appeals_appealevent_no_change BEFORE UPDATE OR DELETE ON appeals_appealevent
       FOR EACH ROW EXECUTE FUNCTION appeals_appealevent_refuse()""",
    """CREATE INDEX appeal_search_lemmas_fts ON appeals_appeal
       USING gin (to_tsvector('simple'::regconfig, search_lemmas))""",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS appeal_search_lemmas_fts",
    "DROP TRIGGER IF EXISTS appeals_appealevent_no_change ON appeals_appealevent",
    "DROP FUNCTION IF EXISTS appeals_appealevent_refuse()",
]


def forward(apps, schema_editor):
    statements = PG_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_TRIGGERS
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS appeals_appealevent_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS appeals_appealevent_no_delete")


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
