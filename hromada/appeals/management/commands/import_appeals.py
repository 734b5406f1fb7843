import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

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

    def handle(self, *args: object, **opts: object) -> None:
        path = str(opts["file"])
        actor = None
        if opts["actor"]:
            actor = User.objects.filter(username=opts["actor"]).first()
            if actor is None:
                raise CommandError(f"No user “{opts['actor']}”.")
        started = time.monotonic()
        last = [started]

        def on_error(err: LineError) -> None:
            self.stderr.write(f"line {err.line}: {err}")

        def on_progress(report: ImportReport) -> None:
            now = time.monotonic()
            if now - last[0] >= 2 and self.verbosity > 0:
                last[0] = now
                rate = report.lines / (now - started)
                sys.stderr.write(f"… {report.lines} lines, {report.imported} imported ({rate:,.0f}/s)\n")

        try:
            with open_text(path) as stream:
                report = import_appeals(
                    stream,
                    fmt=detect_format(path, opts["format"]),
                    actor=actor,  # type: ignore[arg-type]
                    skip_invalid=bool(opts["skip_invalid"]),
                    batch_size=int(opts["batch_size"]),  # type: ignore[call-overload]
                    on_error=on_error,
                    on_progress=on_progress,
                )
        except FileNotFoundError as exc:
            raise CommandError(f"No file {path}") from exc
        seconds = time.monotonic() - started
        summary = (
            f"{report.lines} lines in {seconds:.1f} s: {report.imported} imported, "
            f"{report.already} already registered, {report.invalid_count} invalid"
        )
        if report.invalid_count and not report.committed:
            raise CommandError(f"{summary}. Nothing was imported: fix the lines above or use --skip-invalid.")
        self.stdout.write(summary)
