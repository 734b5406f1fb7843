import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts.models import User
from hromada.appeals.imports import ImportReport, LineError, detect_format, import_appeals, open_text


class Command(BaseCommand):
    help = (
        "Import appeals, one per line (JSON Lines or CSV) in the API's registration shape. All-or-nothing "
        "unless --skip-invalid; idempotent by (channel, external_id)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path, or - for standard input")
        parser.add_argument("--format", choices=["jsonl", "csv"], default=None, help="default: by extension")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the good lines, report the rest"
        )
        parser.add_argument("--actor", default=None, help="username recorded as the registrar")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args: Any, **opts: Any) -> None:
        path = str(opts["file"])
        actor = None
        if opts["actor"]:
            actor = User.objects.filter(username=opts["actor"]).first()
            if actor is None:
                raise CommandError(f"No user “{opts['actor']}”.")
        verbosity = int(opts.get("verbosity", 1))
        started = time.monotonic()
        last = [started]

        def on_error(err: LineError) -> None:
            self.stderr.write(_("line %(line)s: %(errors)s") % {"line": err.line, "errors": err})

        def on_progress(report: ImportReport) -> None:
            now = time.monotonic()
            if now - last[0] >= 2 and verbosity > 0:
                last[0] = now
                rate = report.lines / (now - started)
                sys.stderr.write(f"… {report.lines} lines, {report.imported} imported ({rate:,.0f}/s)\n")

        try:
            with open_text(path) as stream:
                report = import_appeals(
                    stream,
                    fmt=detect_format(path, opts["format"]),
                    actor=actor,
                    skip_invalid=bool(opts["skip_invalid"]),
                    batch_size=int(opts["batch_size"]),
                    on_error=on_error,
                    on_progress=on_progress,
                )
        except FileNotFoundError as exc:
            raise CommandError(f"No file {path}") from exc
        seconds = time.monotonic() - started
        summary = _(
            "%(lines)s in %(seconds)s s: %(imported)s, already registered: %(already)s, invalid: %(invalid)s"
        ) % {
            "lines": ngettext("%(n)d line", "%(n)d lines", report.lines) % {"n": report.lines},
            "seconds": f"{seconds:.1f}",
            "imported": ngettext("%(n)d appeal imported", "%(n)d appeals imported", report.imported)
            % {"n": report.imported},
            "already": report.already,
            "invalid": report.invalid_count,
        }
        if report.invalid_count and not report.committed:
            raise CommandError(
                summary + ". " + _("Nothing was imported: fix the lines above or use --skip-invalid.")
            )
        self.stdout.write(summary)
