"""The latest archive in the backup directory (HROMADA_BACKUP_DIR), for the administrator's
dashboard: its name, size and time, or None when there is none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

#: What `hromada backup` names its archives (archive.default_archive_name); a ".part" is unfinished.
PATTERN = "hromada-*.tar"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    size: int
    written_at: dt.datetime

    def age(self, now: dt.datetime) -> dt.timedelta:
        return now - self.written_at


def backup_dir() -> Path:
    return Path(settings.HROMADA_BACKUP_DIR)


def latest_backup(directory: Path | None = None) -> BackupFile | None:
    """The newest finished archive by the time it was written; None when the directory is missing,
    unreadable or holds none."""
    folder = directory or backup_dir()
    try:
        found = [(p, p.stat()) for p in folder.glob(PATTERN) if p.is_file()]
    except OSError:
        return None
    if not found:
        return None
    path, stat = max(found, key=lambda item: (item[1].st_mtime, item[0].name))
    written = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC)
    return BackupFile(path, stat.st_size, timezone.localtime(written))
