"""Dump and restore per database: pg_dump/pg_restore of an exported snapshot for PostgreSQL, the
online backup API for SQLite; each dump returns the facts of the very snapshot it wrote."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from hromada.core.backup.facts import database_facts, list_tables


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Ukrainian)."""


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the configured database: no password on a command line."""
    env = dict(os.environ)
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({k: str(v) for k, v in pairs.items() if v})
    return env


def run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": done.stderr.decode(errors="replace").strip()[-2000:]}
        )


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("%(program)s is not installed (Debian package postgresql-client).") % {"program": name}
        )
    return found


def dump_postgresql(target: Path) -> dict[str, Any]:
    """pg_dump of the snapshot that this transaction exports, and the facts of the same snapshot."""
    env = _pg_env(connection.settings_dict)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run([tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], env)
        return database_facts(cursor, "postgresql")


def table_count_postgresql() -> int:
    with connection.cursor() as cursor:
        return len(list_tables(cursor, "postgresql"))


def restore_postgresql(dump: Path, *, replace: bool) -> None:
    """One transaction: a failed restore leaves the database as it was. `replace` (--force) drops
    each object of the dump first (--clean), in the same transaction; a table that the dump does not
    have stays and is then reported by the verification."""
    connection.close()
    env = _pg_env(connection.settings_dict)
    run(
        [
            tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *(["--clean", "--if-exists"] if replace else []),
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env,
    )


# --- SQLite --------------------------------------------------------------------------------------


def dump_sqlite(target: Path) -> dict[str, Any]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return database_facts(copy.cursor(), "sqlite")
    finally:
        copy.close()


def sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def table_count_sqlite() -> int:
    with connection.cursor() as cursor:
        return len(list_tables(cursor, "sqlite"))


def restore_sqlite(copy: Path) -> None:
    """The backup API the other way round: the configured file's pages are replaced by the copy's,
    under SQLite's own locking (a plain file copy over a WAL database could be mixed with a stale -wal)."""
    connection.close()
    source = sqlite3.connect(copy)
    target = sqlite3.connect(sqlite_path())
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
