"""hromada report appeals --from DATE --to DATE [--format text|json|docx|xlsx] [--output FILE]
hromada report annual --year YEAR [--format text|json|docx] [--output FILE]

The same figures as the staff page and the API. Text and JSON go to standard output unless --output
is given; DOCX and XLSX need --output. --language en writes the English version.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from hromada.core import clock
from hromada.core.models import CouncilSettings
from hromada.reports.annual import annual_docx, annual_json, annual_summary, annual_text
from hromada.reports.as_docx import appeals_docx
from hromada.reports.as_json import report_json
from hromada.reports.as_text import render_text
from hromada.reports.as_xlsx import appeals_xlsx
from hromada.reports.figures import appeals_report
from hromada.reports.forms import EARLIEST_YEAR
from hromada.reports.periods import Period

BINARY = ("docx", "xlsx")


def _date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Not a date: {value!r} (YYYY-MM-DD or DD.MM.YYYY).")


class Command(BaseCommand):
    help = "Write the appeals report of a period, or the annual summary, as text, JSON, DOCX or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="{appeals,annual}")
        appeals = sub.add_parser("appeals", help="the appeals report of a period, with a year earlier")
        appeals.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD (registration date)")
        appeals.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD, included")
        appeals.add_argument("--format", choices=["text", "json", "docx", "xlsx"], default="text")
        annual = sub.add_parser("annual", help="the annual “dialogue with the community” summary")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--format", choices=["text", "json", "docx"], default="text")
        for p in (appeals, annual):
            p.add_argument("--output", default=None, help="file to write (required for docx and xlsx)")
            p.add_argument(
                "--language",
                choices=[code for code, _name in settings.LANGUAGES],
                default=settings.LANGUAGE_CODE,
            )

    def handle(self, *args: Any, **opts: Any) -> None:
        fmt = opts["format"]
        output = opts["output"]
        if fmt in BINARY and not output:
            raise CommandError(f"--output FILE is required for {fmt}.")
        with translation.override(opts["language"]):
            content = self._appeals(opts) if opts["report"] == "appeals" else self._annual(opts)
        if output:
            path = Path(output)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            self.stderr.write(f"{path} ({path.stat().st_size} B)")
        else:
            assert isinstance(content, str)
            self.stdout.write(content, ending="")

    def _appeals(self, opts: dict[str, Any]) -> str | bytes:
        start, end = _date(opts["start"]), _date(opts["end"])
        if start.year < EARLIEST_YEAR:
            raise CommandError(f"--from must be in {EARLIEST_YEAR} or later.")
        if end < start:
            raise CommandError("--to is earlier than --from.")
        report = appeals_report(Period(start, end), today=clock.today())
        fmt = opts["format"]
        if fmt == "json":
            return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
        if fmt == "docx":
            return appeals_docx(report, council_name=CouncilSettings.load().council_name)
        if fmt == "xlsx":
            return appeals_xlsx(report)
        return render_text(report)

    def _annual(self, opts: dict[str, Any]) -> str | bytes:
        year = opts["year"]
        if not EARLIEST_YEAR <= year <= 9999:
            raise CommandError(f"--year must be between {EARLIEST_YEAR} and 9999.")
        summary = annual_summary(year, today=clock.today())
        fmt = opts["format"]
        if fmt == "json":
            return json.dumps(annual_json(summary), ensure_ascii=False, indent=2) + "\n"
        if fmt == "docx":
            return annual_docx(summary, council_name=CouncilSettings.load().council_name)
        return annual_text(summary)
