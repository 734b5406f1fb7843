"""Covering indexes for the reports: a period's appeals and their issues are counted from indexes alone.

The quarterly report groups a quarter's appeals (~80,000 of a 1,000,000-appeal register) by channel,
kind, subject, month and lead department, counts their terms, and counts their issues by topic and
result. Through appeal_registered_on_idx PostgreSQL read each of those appeals from the table —
~20,000 pages of wide rows (texts, lemmas, the search vector), ~120 ms a query — and for the issues
it either probed the issue table 80,000 times or read all of it (~250 ms): the report with its
year-earlier comparison took ~1.3 s. With the columns the reports read carried in the indexes
(INCLUDE) each of these is an index-only scan: ~1,400 pages of appeal_report_idx, then
issue_report_idx probed per appeal without touching the issue table. See hromada/reports/figures.py
and docs/benchmarks.md ("Reports").

Both have the key of an existing index (appeal_registered_on_idx; the issue's appeal foreign key),
which they could replace when the model declares them. They are not declared in the models (like
the search vector of 0007): only PostgreSQL has INCLUDE and needs them; SQLite's registers are small.
Each costs one more index entry per registered appeal or issue.
"""

from django.db import migrations

FORWARD = [
    """CREATE INDEX IF NOT EXISTS appeal_report_idx ON appeals_appeal (registered_on)
       INCLUDE (id, channel_id, kind_id, subject_id, duplicate_of_id, repeated_of_id, priority,
                lead_department_id, due_date, answered_at, forwarded_on)""",
    "CREATE INDEX IF NOT EXISTS issue_report_idx ON appeals_issue (appeal_id) INCLUDE (topic_id, result_id)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS issue_report_idx",
    "DROP INDEX IF EXISTS appeal_report_idx",
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
    dependencies = [("appeals", "0007_stored_search_vector")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
