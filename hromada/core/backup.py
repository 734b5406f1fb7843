"""Резервна копія: one archive holds the database, the media files and a manifest that says what a
correct restore must give back.

The archive is a plain tar (the PostgreSQL dump is already compressed; attachments are mostly PDFs and
images that do not compress). Its members:

- ``database.pgdump`` (``pg_dump --format=custom``) or ``database.sqlite3`` (the SQLite online backup
  API: a consistent copy of a live database, WAL included);
- ``media/…``: every file under MEDIA_ROOT;
- ``manifest.json``, written last because it carries the SHA-256 of every other member, computed
  while the member is written (one pass over each file, no second read).

The manifest's facts about the database — the row count of every table, the migrations applied and a
SHA-256 of the appeals journal — are taken from the very snapshot that is dumped: on PostgreSQL the
dump runs on a snapshot exported by the transaction that counts; on SQLite they are read from the copy.
So a restore can check itself against them even when the council was working during the backup.

Nothing is held in memory whole: pg_dump writes straight to a file, tar members are streamed from
files, the journal is hashed in keyset-paged batches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP_MEMBER = "database.pgdump"
SQLITE_MEMBER = "database.sqlite3"
MEDIA_PREFIX = "media/"
JOURNAL_TABLE = "appeals_appealevent"
#: Rows of the journal read per query while hashing it (keyset paging on id).
JOURNAL_BATCH = 5000
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Ukrainian)."""


# --- facts about a database ----------------------------------------------------------------------


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


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": done.stderr.decode(errors="replace").strip()[-2000:]}
        )


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("%(program)s is not installed (Debian package postgresql-client).") % {"program": name}
        )
    return found


def _dump_postgresql(target: Path) -> dict[str, Any]:
    """pg_dump of the snapshot that this transaction exports, and the facts of the same snapshot."""
    env = _pg_env(connection.settings_dict)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], env)
        return database_facts(cursor, "postgresql")


def _database_is_empty_postgresql() -> int:
    with connection.cursor() as cursor:
        return len(list_tables(cursor, "postgresql"))


def _restore_postgresql(dump: Path, *, replace: bool) -> None:
    """One transaction: a failed restore leaves the database as it was. `replace` (--force) drops
    each object of the dump first (--clean), in the same transaction; a table that the dump does not
    have stays and is then reported by the verification."""
    connection.close()
    env = _pg_env(connection.settings_dict)
    _run(
        [
            _tool("pg_restore"),
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


def _dump_sqlite(target: Path) -> dict[str, Any]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return database_facts(copy.cursor(), "sqlite")
    finally:
        copy.close()


def _sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def _database_is_empty_sqlite() -> int:
    with connection.cursor() as cursor:
        return len(list_tables(cursor, "sqlite"))


def _restore_sqlite(copy: Path) -> None:
    """The backup API the other way round: the configured file's pages are replaced by the copy's,
    under SQLite's own locking (a plain file copy over a WAL database could be mixed with a stale -wal)."""
    connection.close()
    source = sqlite3.connect(copy)
    target = sqlite3.connect(_sqlite_path())
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


# --- the archive ---------------------------------------------------------------------------------


class _Hashing:
    """A file object that hashes what tarfile reads from it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> dict[str, Any]:
    info = tar.gettarinfo(str(path), arcname=arcname)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as raw:
        hashing = _Hashing(raw)
        tar.addfile(info, hashing)  # type: ignore[arg-type]
    return {"size": info.size, "sha256": hashing.digest.hexdigest()}


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    if not root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(root).as_posix()


def default_archive_name(now: dt.datetime | None = None) -> str:
    return f"hromada-{(now or timezone.localtime()):%Y%m%d-%H%M%S}.tar"


@dataclass
class Manifest:
    data: dict[str, Any]

    @property
    def database_member(self) -> str:
        return str(self.data["database"]["member"])

    @property
    def vendor(self) -> str:
        return str(self.data["database"]["vendor"])

    @property
    def members(self) -> dict[str, dict[str, Any]]:
        return dict(self.data["members"])

    @property
    def facts(self) -> dict[str, Any]:
        return {k: self.data[k] for k in ("migrations", "tables", "journal")}


def create_backup(output: Path) -> Manifest:
    """Write the archive to `output` (via a temporary name beside it, so a half-written archive never
    carries the final name) and return its manifest."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(_("Backup supports PostgreSQL and SQLite only."))
    member = PG_DUMP_MEMBER if vendor == "postgresql" else SQLITE_MEMBER
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".hromada-backup-") as work:
        dump = Path(work, member)
        facts = _dump_postgresql(dump) if vendor == "postgresql" else _dump_sqlite(dump)
        members: dict[str, dict[str, Any]] = {}
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            members[member] = _add_file(tar, dump, member)
            dump.unlink()
            for path, relative in _media_files(Path(settings.MEDIA_ROOT)):
                members[MEDIA_PREFIX + relative] = _add_file(tar, path, MEDIA_PREFIX + relative)
            data = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "database": {"vendor": vendor, "member": member},
                **facts,
                "members": members,
            }
            body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o644
            tar.addfile(info, _BytesReader(body))  # type: ignore[arg-type]
    os.replace(partial, output)
    return Manifest(data)


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.at + size
        chunk, self.at = self.data[self.at : end], min(end, len(self.data))
        return chunk


def read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        raw = tar.extractfile(MANIFEST)
    except KeyError:
        raw = None
    if raw is None:
        raise BackupError(
            _("The archive has no manifest.json: it is not a Hromada backup or it is cut short.")
        )
    data = json.loads(raw.read())
    if data.get("format") != FORMAT_VERSION:
        raise BackupError(
            _("The archive's format %(found)s is not supported (expected %(expected)s).")
            % {"found": data.get("format"), "expected": FORMAT_VERSION}
        )
    return Manifest(data)


def _open(archive: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive, "r:")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("Cannot read the archive %(path)s: %(error)s") % {"path": archive, "error": exc}
        ) from exc


def _copy_member(tar: tarfile.TarFile, name: str, target: Path) -> str:
    """Stream one member to `target`; its SHA-256."""
    source = tar.extractfile(name)
    if source is None:
        raise BackupError(_("The archive member %(name)s is missing.") % {"name": name})
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _safe_media_target(root: Path, name: str) -> Path:
    relative = name[len(MEDIA_PREFIX) :]
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise BackupError(_("The archive member %(name)s points outside MEDIA_ROOT.") % {"name": name})
    return target


@dataclass
class Report:
    manifest: Manifest
    problems: list[str] = field(default_factory=list)


def check_archive(archive: Path) -> Report:
    """The archive against its own manifest, without touching the configured database: every member
    present with its recorded SHA-256; a SQLite copy is opened and its counts and journal checksum
    compared; a PostgreSQL dump's table of contents is read by pg_restore --list."""
    with _open(archive) as tar:
        manifest = read_manifest(tar)
        report = Report(manifest)
        names = {m.name for m in tar.getmembers() if m.isfile()}
        for name in sorted(set(manifest.members) - names):
            report.problems.append(_("member %(name)s is missing") % {"name": name})
        for name in sorted(names - set(manifest.members) - {MANIFEST}):
            report.problems.append(_("member %(name)s is not in the manifest") % {"name": name})
        with tempfile.TemporaryDirectory(prefix=".hromada-check-") as work:
            for name, expected in sorted(manifest.members.items()):
                if name not in names:
                    continue
                keep = name == manifest.database_member
                target = Path(work, "database" if keep else "member")
                if _copy_member(tar, name, target) != expected["sha256"]:
                    report.problems.append(_("member %(name)s is damaged (checksum)") % {"name": name})
                if not keep:
                    target.unlink()
            dump = Path(work, "database")
            if dump.exists() and manifest.vendor == "sqlite":
                copy = sqlite3.connect(dump)
                try:
                    report.problems += compare_facts(manifest.facts, database_facts(copy.cursor(), "sqlite"))
                finally:
                    copy.close()
            elif dump.exists():
                _run([_tool("pg_restore"), "--list", str(dump)], dict(os.environ))
    return report


def restore_backup(archive: Path, *, force: bool = False) -> Report:
    """Load the archive into the configured database and MEDIA_ROOT, then compare the database with
    the manifest (every table's rows, the journal's checksum, the migrations) and every media file with
    its recorded SHA-256. The report lists every difference; an empty list is a good restore."""
    vendor = connection.vendor
    with _open(archive) as tar:
        manifest = read_manifest(tar)
        if manifest.vendor != vendor:
            raise BackupError(
                _("The archive holds a %(archive)s database; the configured one is %(configured)s.")
                % {"archive": manifest.vendor, "configured": vendor}
            )
        tables = _database_is_empty_postgresql() if vendor == "postgresql" else _database_is_empty_sqlite()
        if tables and not force:
            raise BackupError(
                _(
                    "The database is not empty (%(count)s tables). Restoring replaces everything in it; "
                    "add --force if that is what you want."
                )
                % {"count": tables}
            )
        report = Report(manifest)
        with tempfile.TemporaryDirectory(prefix=".hromada-restore-") as work:
            dump = Path(work, manifest.database_member)
            expected = manifest.members[manifest.database_member]["sha256"]
            if _copy_member(tar, manifest.database_member, dump) != expected:
                raise BackupError(
                    _("The database in the archive is damaged (checksum); nothing was restored.")
                )
            if vendor == "postgresql":
                _restore_postgresql(dump, replace=bool(tables))
            else:
                _restore_sqlite(dump)
        root = Path(settings.MEDIA_ROOT)
        for name, recorded in sorted(manifest.members.items()):
            if not name.startswith(MEDIA_PREFIX):
                continue
            if _copy_member(tar, name, _safe_media_target(root, name)) != recorded["sha256"]:
                report.problems.append(_("media file %(name)s is damaged (checksum)") % {"name": name})
    connection.close()
    report.problems += compare_facts(manifest.facts, configured_database_facts())
    return report


def configured_database_facts() -> dict[str, Any]:
    """The facts of the configured database. SQLite is read through a plain sqlite3 connection, as
    the backup copy is: Django's converters would turn stored text into datetimes and so change what
    is hashed."""
    if connection.vendor == "sqlite":
        raw = sqlite3.connect(_sqlite_path(), uri=_sqlite_path().startswith("file:"))
        try:
            return database_facts(raw.cursor(), "sqlite")
        finally:
            raw.close()
    with connection.cursor() as cursor:
        return database_facts(cursor, connection.vendor)
