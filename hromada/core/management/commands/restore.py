"""`hromada restore ARCHIVE`: the archive back into the configured database and MEDIA_ROOT, verified
against its manifest; `hromada restore --check ARCHIVE` verifies the archive alone."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.core import backup


class Command(BaseCommand):
    help = (
        "Restore a `hromada backup` archive into the configured (empty) database and MEDIA_ROOT, then "
        "verify every table's row count and the appeals journal's checksum against the manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive against its own manifest"
        )

    def handle(self, *args: object, **opts: object) -> None:
        archive = Path(str(opts["archive"]))
        try:
            if opts["check"]:
                report = backup.check_archive(archive)
            else:
                report = backup.restore_backup(archive, force=bool(opts["force"]))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("Verification failed: %(count)s differences from the manifest.")
                % {"count": len(report.problems)}
            )
        tables = report.manifest.data["tables"]
        done = _("Archive is intact") if opts["check"] else _("Restored and verified")
        self.stdout.write(
            _("%(done)s: %(tables)s tables, %(rows)s rows, journal %(journal)s rows, created %(created)s")
            % {
                "done": done,
                "tables": len(tables),
                "rows": sum(tables.values()),
                "journal": report.manifest.data["journal"]["rows"],
                "created": report.manifest.data["created_at"],
            }
        )
