"""Імпорт звернень: batches from the Government contact center (1545), regional contact centers and
other registers. One appeal per line (JSON Lines) or row (CSV), in the API's registration shape; the
CSV columns and their mapping are import_format.py's (the format page and the sample read them too).

The whole file is read as a stream: memory stays flat whatever its length. By default the import is
all-or-nothing (one transaction; any bad line rolls everything back, and every bad line is reported
with its number); with `skip_invalid` the good lines are kept. Lines whose (channel, external id) is
already registered are skipped, so loading the same batch twice adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from hromada.accounts.models import User
from hromada.appeals.import_format import csv_row_to_body
from hromada.appeals.models import Appeal, Applicant, Issue
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services import register_appeals
from hromada.appeals.services.registration_checks import validate_registration
from hromada.core.errors import FieldError
from hromada.core.validation import field_errors


@dataclass
class LineError:
    line: int
    errors: list[FieldError]

    def __str__(self) -> str:
        return "; ".join(f"{e.field or '—'}: {e.message}" for e in self.errors)


@dataclass
class ImportReport:
    lines: int = 0
    imported: int = 0
    already: int = 0
    invalid: list[LineError] = field(default_factory=list)
    invalid_count: int = 0
    committed: bool = False


def read_lines(stream: IO[str], fmt: str) -> Iterator[tuple[int, dict[str, Any] | None, list[FieldError]]]:
    """Yield (line number, body, parse errors) one by one."""
    if fmt == "csv":
        reader = csv.DictReader(stream)
        for row in reader:
            yield reader.line_num, csv_row_to_body(row), []
        return
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            body = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield (
                number,
                None,
                [FieldError("", _("Not valid JSON: %(error)s") % {"error": exc.msg}, "json_invalid")],
            )
            continue
        if not isinstance(body, dict):
            yield number, None, [FieldError("", _("Each line must be a JSON object."), "json_invalid")]
            continue
        yield number, body, []


#: The columns registration searches for earlier appeals (the same person, the same card), and only
#: these: a whole-table ANALYZE of appeals also evaluates the full-text index expression for every
#: sampled row, which takes seconds.
_SEARCHED_COLUMNS = {
    Appeal: ("external_id",),
    Applicant: ("name_key", "email_key", "phone_key", "address_key"),
    Issue: ("appeal_id",),
}
STATISTICS_MIN_ROWS = 5000


class _PlannerStatistics:
    """Keeps PostgreSQL's planner statistics in step with a long import.

    An import is one transaction, so autovacuum cannot analyse the rows it adds. Importing into an empty
    register (or doubling a small one), the planner went on believing the tables were tiny and read
    them whole for every batch's look-up of earlier appeals: a million lines slowed down quadratically.
    ANALYZE run inside the import's own transaction counts its own rows; it runs each time the import
    has added as many appeals as the register held at the last count, so a few times per import.
    """

    def __init__(self) -> None:
        self.enabled = connection.vendor == "postgresql"
        self.base = 0
        self.added = 0
        if self.enabled:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Appeal._meta.db_table]
                )
                row = cursor.fetchone()
            self.base = max(0, int(row[0])) if row else 0

    def grew(self, appeals: int) -> None:
        if not self.enabled:
            return
        self.added += appeals
        if self.added < max(STATISTICS_MIN_ROWS, self.base):
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model, columns in _SEARCHED_COLUMNS.items():
                cursor.execute(f"ANALYZE {quote(model._meta.db_table)} ({', '.join(map(quote, columns))})")
        self.base += self.added
        self.added = 0


def import_appeals(
    stream: IO[str],
    *,
    fmt: str = "jsonl",
    actor: User | None,
    skip_invalid: bool = False,
    batch_size: int = 1000,
    on_error: Callable[[LineError], None] | None = None,
    on_progress: Callable[[ImportReport], None] | None = None,
    keep_errors: int = 1000,
    now: dt.datetime | None = None,
) -> ImportReport:
    report = ImportReport()

    def bad(line: int, errors: list[FieldError]) -> None:
        err = LineError(line, errors)
        report.invalid_count += 1
        if len(report.invalid) < keep_errors:
            report.invalid.append(err)
        if on_error:
            on_error(err)

    def flush(batch: list[tuple[int, AppealRegisterIn]]) -> None:
        if not batch:
            return
        if report.invalid_count and not skip_invalid:
            # The import is doomed: keep checking so that every bad line is reported, but stop writing.
            checked_at = now or timezone.now()
            for line, item in batch:
                errors = validate_registration(item, checked_at)
                if errors:
                    bad(line, errors)
            batch.clear()
            if on_progress:
                on_progress(report)
            return
        results = register_appeals([item for _l, item in batch], actor=actor, now=now)
        imported_before = report.imported
        for (line, _item), outcome in zip(batch, results, strict=True):
            if outcome.errors:
                bad(line, outcome.errors)
            elif outcome.existing is not None:
                report.already += 1
            else:
                report.imported += 1
        batch.clear()
        statistics.grew(report.imported - imported_before)
        if on_progress:
            on_progress(report)

    with transaction.atomic():
        statistics = _PlannerStatistics()
        batch: list[tuple[int, AppealRegisterIn]] = []
        for line, body, errors in read_lines(stream, fmt):
            report.lines += 1
            if errors:
                bad(line, errors)
                continue
            try:
                batch.append((line, AppealRegisterIn.model_validate(body)))
            except ValidationError as exc:
                bad(line, field_errors(exc.errors()))
                continue
            if len(batch) >= batch_size:
                flush(batch)
        flush(batch)
        if report.invalid_count and not skip_invalid:
            transaction.set_rollback(True)
            report.imported = 0
            report.already = 0
        else:
            report.committed = True
    return report


def open_text(path: str) -> IO[str]:
    if path == "-":
        import sys

        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig", newline="")


def detect_format(path: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    return "csv" if path.lower().endswith(".csv") else "jsonl"
