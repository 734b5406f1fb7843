"""`hromada backup`: one archive with the database, the media files and a manifest (see core.backup)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and MEDIA_ROOT into one "
        "tar archive with a manifest of row counts and the appeals journal's checksum."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=None,
            help="archive path, or a directory for hromada-YYYYmmdd-HHMMSS.tar (default: HROMADA_BACKUP_DIR, "
            "where the administrator's dashboard looks for the latest backup)",
        )

    def handle(self, *args: object, **opts: object) -> None:
        output = Path(str(opts["output"] or settings.HROMADA_BACKUP_DIR))
        if not opts["output"]:
            output.mkdir(parents=True, exist_ok=True)
        if output.is_dir():
            output = output / backup.default_archive_name()
        try:
            manifest = backup.create_backup(output)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = manifest.data["tables"]
        self.stdout.write(
            _("Backup written: %(path)s (%(tables)s tables, %(rows)s rows, %(files)s media files)")
            % {
                "path": output,
                "tables": len(tables),
                "rows": sum(tables.values()),
                "files": sum(1 for name in manifest.members if name.startswith(backup.MEDIA_PREFIX)),
            }
        )
