"""The archive: a plain tar of the database, the media files and the manifest written last, and its
check and restore against that manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.core.backup.databases import (
    BackupError,
    dump_postgresql,
    dump_sqlite,
    restore_postgresql,
    restore_sqlite,
    run,
    sqlite_path,
    table_count_postgresql,
    table_count_sqlite,
    tool,
)
from hromada.core.backup.facts import compare_facts, database_facts

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP_MEMBER = "database.pgdump"
SQLITE_MEMBER = "database.sqlite3"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


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
        tar.addfile(info, hashing)
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
        facts = dump_postgresql(dump) if vendor == "postgresql" else dump_sqlite(dump)
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
            tar.addfile(info, _BytesReader(body))
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
                run([tool("pg_restore"), "--list", str(dump)], dict(os.environ))
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
        tables = table_count_postgresql() if vendor == "postgresql" else table_count_sqlite()
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
                restore_postgresql(dump, replace=bool(tables))
            else:
                restore_sqlite(dump)
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
        raw = sqlite3.connect(sqlite_path(), uri=sqlite_path().startswith("file:"))
        try:
            return database_facts(raw.cursor(), "sqlite")
        finally:
            raw.close()
    with connection.cursor() as cursor:
        return database_facts(cursor, connection.vendor)
