"""Helpers for tests of every app (imported by conftest.py and by tests)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import ApiToken, Department, User
from hromada.accounts.services import create_api_token, may_hold_api_token

if TYPE_CHECKING:
    # The response type of the test client exists only in django-stubs.
    from django.test.client import _MonkeyPatchedWSGIResponse


def make_user(username: str, role: str, department: Department | None = None) -> User:
    return User.objects.create_user(username=username, password="pw", role=role, department=department)


def token_for(user: User) -> str:
    """A bearer token of `user`. A role-less account gets no token since issue 11; for one, a row
    written directly stands for a token made before, which the API ignores (401)."""
    if may_hold_api_token(user):
        return create_api_token(user=user)
    token = ApiToken.generate()
    ApiToken.objects.create(user=user, digest=ApiToken.hash(token), prefix=token[4:10])
    return token


class Api:
    """A JSON client for /api/v1 that authenticates with a real bearer token."""

    def __init__(self, user: User | None, language: str = "uk") -> None:
        self.client = Client()
        self.headers: dict[str, str] = {"Accept-Language": language}
        if user is not None:
            self.headers["Authorization"] = f"Bearer {token_for(user)}"

    def get(self, path: str, **params: Any) -> _MonkeyPatchedWSGIResponse:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: Any = None) -> _MonkeyPatchedWSGIResponse:
        return self.client.post(
            f"/api/v1{path}",
            json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self.headers,
        )


def kyiv(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second))


def appeal_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": "post",
        "kind": "complaint",
        "received_at": "2026-11-16T10:00:00",
        "applicants": [
            {
                "name": "Коваленко Іван Петрович",
                "address": "вул. Шевченка, 1, кв. 2",
                "phone": "+380671234567",
            }
        ],
        "issues": [{"topic": "communal", "text": "Не працює ліфт у будинку"}],
        "summary": "Ліфт",
        "text": "Прошу відремонтувати ліфт.",
    }
    body.update(overrides)
    return body


def purge_journals() -> None:
    """Empty the append-only journals so that a transactional test's flush can empty the tables.

    PostgreSQL flushes with TRUNCATE, which row triggers do not see; SQLite deletes row by row and
    its triggers refuse. There each trigger is dropped for one DELETE and created again at once."""
    from django.db import connection, transaction

    from hromada.core.journal import JOURNAL_TABLES, sqlite_delete_trigger

    if connection.vendor != "sqlite":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for table in JOURNAL_TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(sqlite_delete_trigger(table))


def assert_append_only(event: Any) -> None:
    """Prove that the database refuses to change or delete a journal row: through the ORM and raw SQL
    (SQLite's RAISE(ABORT) and PostgreSQL's RAISE EXCEPTION both carry the words "append-only")."""
    import pytest
    from django.db import connection, transaction

    model, table = type(event), type(event)._meta.db_table
    rows = model.objects.filter(pk=event.pk)
    attempts = [
        lambda: rows.update(data={"forged": True}),
        lambda: rows.delete(),
        lambda: connection.cursor().execute(f"UPDATE {table} SET data = '{{}}' WHERE id = %s", [event.pk]),
        lambda: connection.cursor().execute(f"DELETE FROM {table} WHERE id = %s", [event.pk]),
    ]
    for attempt in attempts:
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            attempt()
    kept = model.objects.get(pk=event.pk)
    assert (kept.action, kept.data) == (event.action, event.data)


#: The name before issue 12 (only the appeals journal was append-only then).
purge_appeal_events = purge_journals


def soffice() -> str | None:
    """LibreOffice's command, if installed (Debian package libreoffice-writer)."""
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


NO_LIBREOFFICE = "LibreOffice is not installed (apt-get install libreoffice-writer)"


def soffice_calc() -> str | None:
    """LibreOffice's command if it has Calc too (Debian package libreoffice-calc): Writer alone answers
    "source file could not be loaded" to a workbook."""
    import os
    from pathlib import Path

    command = soffice()
    if command is None:
        return None
    program = Path(os.path.realpath(command)).parent
    return command if (program / "libsclo.so").exists() or (program / "scalc").exists() else None


NO_LIBREOFFICE_CALC = "LibreOffice Calc is not installed (apt-get install libreoffice-calc)"


def convert_to_pdf(source: Any, workdir: Any) -> bytes:
    """Open a generated document with LibreOffice headless and return the PDF it makes: proof that
    the file opens in a real office suite. A profile of its own, so parallel runs do not clash."""
    import subprocess
    from pathlib import Path

    source, workdir = Path(source), Path(workdir)
    subprocess.run(
        [
            str(soffice()),
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (workdir / source.with_suffix(".pdf").name).read_bytes()


def in_parallel(count: int, work: Callable[[int], object]) -> list[object]:
    """Run work(0) … work(count - 1) in threads released at once (a barrier), each on its own database
    connection; returns each result or the exception it raised, in order. The concurrency tests of
    every domain (PostgreSQL only: SQLite serialises writers) race their writers with it."""
    results: list[object] = [None] * count
    barrier = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # collected for the assertion
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
