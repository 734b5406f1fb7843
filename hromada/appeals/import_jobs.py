"""Імпорт у фоні: the web import page stores the batch and queues a job; the task worker runs the very
import the `import_appeals` command runs (one transaction: all-or-nothing unless "skip invalid").

Why the worker: a batch of a hundred thousand cards takes minutes, past the web server's timeout, and a
request killed by the timeout rolls the whole import back. The page polls the job instead.

Progress while the import's transaction is open: the worker first counts the lines (a fast pass over
the stored file, outside any transaction), so the total is known at once; then, after each batch, it
writes the lines done to the job row **from a database connection of its own** in autocommit, which
the page reads at once. The import's transaction never touches the job row, so there is no lock to
wait for. This needs a database with concurrent writers: on PostgreSQL (production) it is so; SQLite
(development, the demo) has one writer at a time and the import holds it, so there the progress is
left to the end and the page shows the total and "running" meanwhile.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from hromada.accounts.models import Role, User
from hromada.appeals.imports import ImportReport, LineError, import_appeals
from hromada.appeals.models import ImportJob, ImportJobState
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, ValidationFailed

logger = logging.getLogger(__name__)


# --- reads -------------------------------------------------------------------------------------------


def import_jobs_visible_to(user: Any) -> QuerySet[ImportJob]:
    """A head sees every import; a registrar only their own; anyone else none (the page answers 404)."""
    jobs = ImportJob.objects.select_related("created_by")
    if not getattr(user, "is_authenticated", False) or not user.has_role(Role.REGISTRAR, Role.HEAD):
        return jobs.none()
    return jobs if user.has_role(Role.HEAD) else jobs.filter(created_by=user)


def report_of(job: ImportJob) -> ImportReport | None:
    """The stored report as the import returned it (the page renders both the same way)."""
    data = job.report
    if data is None:
        return None
    return ImportReport(
        lines=data["lines"],
        imported=data["imported"],
        already=data["already"],
        invalid=[
            LineError(bad["line"], [FieldError(e["field"], e["message"], e["code"]) for e in bad["errors"]])
            for bad in data["invalid"]
        ],
        invalid_count=data["invalid_count"],
        committed=data["committed"],
    )


def _report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "lines": report.lines,
        "imported": report.imported,
        "already": report.already,
        "invalid_count": report.invalid_count,
        "committed": report.committed,
        "invalid": [
            {"line": bad.line, "errors": [e.as_dict() for e in bad.errors]} for bad in report.invalid
        ],
    }


# --- writes ------------------------------------------------------------------------------------------


def check_utf8(upload: UploadedFile) -> None:
    """Refuse a file that is not UTF-8 on its field now, while the registrar is on the page."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise ValidationFailed([FieldError("file", _("The file is not UTF-8 text."), "encoding")]) from exc
    finally:
        upload.seek(0)


@transaction.atomic
def start_import_job(*, actor: User, upload: UploadedFile, fmt: str, skip_invalid: bool) -> ImportJob:
    """Store the batch and queue its import. The task row is written in this same transaction (the
    database task backend), so there is never a job without its task or a task without its job."""
    check_utf8(upload)
    name = (upload.name or "batch")[:255]
    job = ImportJob(created_by=actor, file_name=name, format=fmt, skip_invalid=skip_invalid)
    job.file.save(name, upload, save=False)
    job.save()
    run_import_job.enqueue(job_id=job.pk, language=translation.get_language() or "uk")
    return job


def count_lines(stream: IO[str], fmt: str) -> int:
    """As many as the import will read (blank JSON lines are not lines; a CSV record may span lines)."""
    if fmt == "csv":
        return max(0, sum(1 for _row in csv.reader(stream)) - 1)
    return sum(1 for raw in stream if raw.strip())


class _Progress:
    """Writes the lines done to the job row from its own connection, committed at once (see the module
    docstring); a no-op where the database has one writer at a time."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.own = (
            connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None
        )
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        self.sql = f"UPDATE {table} SET lines_done = %s WHERE id = %s"

    def __call__(self, report: ImportReport) -> None:
        if self.own is not None:
            with self.own.cursor() as cursor:
                cursor.execute(self.sql, [report.lines, self.job_id])

    def close(self) -> None:
        if self.own is not None:
            self.own.close()


@contextmanager
def _text(job: ImportJob) -> Iterator[IO[str]]:
    with job.file.open("rb") as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            yield stream
        finally:
            stream.detach()


def _finish(job_id: int, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(finished_at=clock.now(), **fields)


def run_job(job_id: int) -> str:
    """Run one queued job (the task's body). Claimed with a conditional UPDATE: a task run twice
    imports once."""
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJobState.QUEUED).update(
        state=ImportJobState.RUNNING, started_at=clock.now()
    )
    if not claimed:
        return "skipped"
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    progress = _Progress(job_id)
    try:
        with _text(job) as stream:
            total = count_lines(stream, job.format)
        ImportJob.objects.filter(pk=job_id).update(lines_total=total)
        with _text(job) as stream:
            report = import_appeals(
                stream,
                fmt=job.format,
                actor=job.created_by,
                skip_invalid=job.skip_invalid,
                batch_size=settings.HROMADA_IMPORT_BATCH_SIZE,
                on_progress=progress,
            )
    except (UnicodeDecodeError, csv.Error) as exc:
        message = (
            _("The file is not UTF-8 text.")
            if isinstance(exc, UnicodeDecodeError)
            else _("The file cannot be read as CSV: %(error)s") % {"error": exc}
        )
        _finish(job_id, state=ImportJobState.FAILED, error=message)
        _forget_file(job)
        return "failed"
    except Exception:
        logger.exception("Import job %s failed", job_id)
        _finish(job_id, state=ImportJobState.FAILED, error=_("The import failed; nothing was imported."))
        _forget_file(job)
        raise
    finally:
        progress.close()
    _finish(job_id, state=ImportJobState.DONE, lines_done=report.lines, report=_report_json(report))
    record_audit(
        actor=job.created_by,
        action="appeals.import",
        object_type="appeals",
        object_id=job_id,
        file=job.file_name,
        format=job.format,
        skip_invalid=job.skip_invalid,
        lines=report.lines,
        imported=report.imported,
        already=report.already,
        invalid=report.invalid_count,
        committed=report.committed,
    )
    _forget_file(job)
    return "done"


def _forget_file(job: ImportJob) -> None:
    """The batch holds personal data: once imported (or refused) only the report is kept."""
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")


@task()
def run_import_job(job_id: int, language: str = "uk") -> str:
    """The worker's side of the web import: the report in the uploader's language."""
    with translation.override(language):
        return run_job(job_id)
