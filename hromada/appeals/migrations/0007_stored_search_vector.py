"""PostgreSQL keeps the full-text vector of the lemmas as a stored column.

The GIN index used to be on the expression to_tsvector('simple', search_lemmas). When a list is
read in work-list order and filtered by text, PostgreSQL walks the order's index and checks the
text on each row: with the expression it re-parsed the lemmas of every row it passed (~65 µs each;
110 ms for a common word in one department's list at a million appeals). A stored column is parsed
once, at insert, where the expression index parsed it anyway. SQLite searches the lemmas as text
and needs nothing.
"""

from django.db import migrations

FORWARD = [
    """ALTER TABLE appeals_appeal ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_lemmas)) STORED""",
    "CREATE INDEX appeal_search_vector_fts ON appeals_appeal USING gin (search_vector)",
    "DROP INDEX IF EXISTS appeal_search_lemmas_fts",
]
BACKWARD = [
    """CREATE INDEX appeal_search_lemmas_fts ON appeals_appeal
       USING gin (to_tsvector('simple'::regconfig, search_lemmas))""",
    "DROP INDEX IF EXISTS appeal_search_vector_fts",
    "ALTER TABLE appeals_appeal DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("appeals", "0006_executor_visibility_and_applicant_search_indexes")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
