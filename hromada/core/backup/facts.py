"""Facts about a database that a correct restore must give back: the rows of every table, the
migrations applied, a SHA-256 of the appeals journal (hashed in keyset-paged batches)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.utils.translation import gettext as _

JOURNAL_TABLE = "appeals_appealevent"
#: Rows of the journal read per query while hashing it (keyset paging on id).
JOURNAL_BATCH = 5000


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def list_tables(cursor: Any, vendor: str) -> list[str]:
    """The tables of the database (SQLite: without its own sqlite_* tables; PostgreSQL: the current
    schema's ordinary tables)."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
    return [row[0] for row in cursor.fetchall()]


def table_counts(cursor: Any, vendor: str) -> dict[str, int]:
    counts = {}
    for table in list_tables(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(cursor: Any, vendor: str) -> dict[str, list[str]]:
    if "django_migrations" not in list_tables(cursor, vendor):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    state: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        state.setdefault(app, []).append(name)
    return state


def _columns(cursor: Any, vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            [table],
        )
    else:
        cursor.execute(f"SELECT name FROM pragma_table_info('{table}')")
    return sorted(row[0] for row in cursor.fetchall())


def _canonical(value: Any) -> Any:
    """One spelling per stored value whatever the driver hands back (a JSON column may come as text
    or as a dict; a timestamp as a datetime or as ISO text)."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def journal_checksum(cursor: Any, vendor: str) -> tuple[str, int]:
    """SHA-256 of the appeals journal (журнал подій), row by row in id order over every stored
    column (sorted by name), and the number of rows hashed. Empty journal: the hash of nothing."""
    digest = hashlib.sha256()
    if JOURNAL_TABLE not in list_tables(cursor, vendor):
        return digest.hexdigest(), 0
    columns = _columns(cursor, vendor, JOURNAL_TABLE)
    id_at = columns.index("id")
    select = ", ".join(_quote(c) for c in columns)
    last, rows = -1, 0
    while True:
        cursor.execute(
            # An integer inlined: the same SQL for Django's cursor (%s) and a raw sqlite3 one (?).
            f"SELECT {select} FROM {JOURNAL_TABLE} WHERE id > {int(last)} ORDER BY id LIMIT {JOURNAL_BATCH}"
        )
        batch = cursor.fetchall()
        if not batch:
            break
        for row in batch:
            line = json.dumps(
                dict(zip(columns, map(_canonical, row), strict=True)),
                sort_keys=True,
                ensure_ascii=False,
                default=str,
            )
            digest.update(line.encode() + b"\n")
        rows += len(batch)
        last = batch[-1][id_at]
    return digest.hexdigest(), rows


def database_facts(cursor: Any, vendor: str) -> dict[str, Any]:
    checksum, journal_rows = journal_checksum(cursor, vendor)
    return {
        "migrations": applied_migrations(cursor, vendor),
        "tables": table_counts(cursor, vendor),
        "journal": {"table": JOURNAL_TABLE, "rows": journal_rows, "sha256": checksum},
    }


def compare_facts(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Every difference between what the manifest promises and what the database holds."""
    problems = []
    for table in sorted(set(expected["tables"]) | set(actual["tables"])):
        want, got = expected["tables"].get(table), actual["tables"].get(table)
        if want != got:
            problems.append(
                _("table %(table)s: %(want)s rows expected, %(got)s found")
                % {"table": table, "want": want, "got": got}
            )
    if expected["journal"]["sha256"] != actual["journal"]["sha256"]:
        problems.append(_("the appeals journal differs from the backed-up one (checksum)"))
    if expected["migrations"] != actual["migrations"]:
        problems.append(_("the applied migrations differ from the backed-up ones"))
    return problems


# --- PostgreSQL ----------------------------------------------------------------------------------
