"""Backup and restore (issue 11): a seeded database is backed up, restored into a FRESH database by a
separate process (as an operator would run it), and every table's row count, the appeals journal's
checksum and the attachment's bytes are compared with the original. SQLite restores into a new file;
PostgreSQL into a database created for the test and dropped after."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from hromada.appeals import services as appeals
from hromada.appeals.models import AppealEvent, Attachment
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core import backup
from hromada.petitions import services as petitions
from hromada.questions import factories as questions
from hromada.reference.services import load_classifier
from hromada.residents.models import Resident
from hromada.testing import appeal_body, kyiv

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _resident(n: int) -> Resident:
    email = f"signer{n}@example.org"
    user = get_user_model().objects.create(username=f"signer{n}", email=email)
    return Resident.objects.create(
        user=user,
        full_name=f"Підписант Номер{n}",
        email=email,
        email_confirmed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


@pytest.fixture
def seeded(staff, settings) -> Attachment:
    """A small council through the real services: appeals with journal events (registered, resolved,
    an attachment), a petition with signatures, a question. Returns the stored attachment."""
    settings.HROMADA_NOW = "2026-11-20T10:00:00"
    load_classifier()
    first = appeals.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=staff["registrar"], now=kyiv(2026, 11, 16, 10)
    )
    appeals.register_appeal(
        AppealRegisterIn.model_validate(
            appeal_body(
                applicants=[{"name": "Шевченко Марія", "address": "вул. Миру, 3", "phone": "+380501112233"}]
            )
        ),
        actor=staff["registrar"],
        now=kyiv(2026, 11, 17, 11),
    )
    appeals.resolve_appeal(
        actor=staff["head"],
        appeal_id=first.pk,
        lead_department="communal",
        term="1m",
        now=kyiv(2026, 11, 17, 12),
    )
    upload = SimpleUploadedFile("скан.pdf", PDF, content_type="application/pdf")
    attachment = appeals.add_attachment(
        actor=staff["registrar"], appeal_id=first.pk, upload=upload, now=kyiv(2026, 11, 18, 9)
    )
    author, *signers = (_resident(n) for n in range(4))
    petition = petitions.create_petition_draft(
        author=author, title="Шумозахисні екрани", text="Просимо.", category="transport"
    )
    petitions.submit_petition(author=author, petition_id=petition.pk)
    petitions.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    for signer in signers:
        petitions.sign_petition(signer=signer, petition_id=petition.pk)
    questions.ask()
    assert AppealEvent.objects.count() >= 4
    return attachment


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    result = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        result[table] = cursor.fetchone()[0]
    return result


def _source_state() -> tuple[dict[str, int], str]:
    """Every table's rows and the journal's checksum of the database the test seeded, read through
    a connection of its own (SQLite: a plain sqlite3 one to the same shared in-memory database)."""
    vendor = connection.vendor
    if vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        raw = sqlite3.connect(name, uri=name.startswith("file:"))
        try:
            own = raw.cursor()
            tables = backup.list_tables(own, vendor)
            return _counts(own, tables), backup.journal_checksum(own, vendor)[0]
        finally:
            raw.close()
    with connection.cursor() as cursor:
        tables = backup.list_tables(cursor, vendor)
        return _counts(cursor, tables), backup.journal_checksum(cursor, vendor)[0]


def _restore(archive: Path, database_url: str, media: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`hromada restore` in its own process, configured only by the environment (DATABASE_URL)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "hromada", "restore", str(archive), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _assert_media_back(attachment: Attachment, media: Path) -> None:
    name = str(attachment.file.name)
    restored = media / name
    assert restored.read_bytes() == PDF == Path(settings.MEDIA_ROOT, name).read_bytes()


def _archive_members(archive: Path) -> set[str]:
    with tarfile.open(archive) as tar:
        return set(tar.getnames())


@pytest.fixture
def fresh_database(tmp_path):
    """A DATABASE_URL of a database that does not exist yet (SQLite: a new file) or is empty
    (PostgreSQL: created through psycopg for this test, dropped after)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    source = connection.settings_dict
    fresh = f"hromada_restore_{secrets.token_hex(4)}"
    admin: dict[str, Any] = {
        "host": source["HOST"] or None,
        "port": source["PORT"] or None,
        "user": source["USER"] or None,
        "password": source["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    auth = (source["USER"] or "") + (f":{source['PASSWORD']}" if source["PASSWORD"] else "")
    try:
        yield f"postgres://{auth}@{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}/{fresh}"
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def _connect(url: str) -> Any:
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"))
    return psycopg.connect(url.replace("postgres://", "postgresql://", 1))


def _backed_up(seeded: Attachment, tmp_path: Path) -> Path:
    archive = tmp_path / "hromada.tar"
    call_command("backup", output=str(archive))
    database = "database.pgdump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert {"manifest.json", database, f"media/{seeded.file.name}"} <= _archive_members(archive)
    return archive


def test_restored_database_matches_every_table_journal_and_attachment_when_backed_up(
    seeded, tmp_path, fresh_database
):
    archive = _backed_up(seeded, tmp_path)
    counts, checksum = _source_state()
    media = tmp_path / "restored-media"

    done = _restore(archive, fresh_database, media)
    assert done.returncode == 0, done.stderr

    restored = _connect(fresh_database)
    try:
        cursor = restored.cursor()
        vendor = connection.vendor
        assert backup.list_tables(cursor, vendor) == sorted(counts)
        assert _counts(cursor, list(counts)) == counts
        assert backup.journal_checksum(cursor, vendor)[0] == checksum
    finally:
        restored.close()
    assert counts["appeals_appealevent"] >= 4 and counts["petitions_signature"] == 3
    assert counts["appeals_appeal"] == 2 and counts["questions_question"] == 1
    _assert_media_back(seeded, media)


def test_restore_is_refused_in_ukrainian_when_the_database_is_not_empty(seeded, tmp_path, fresh_database):
    archive = _backed_up(seeded, tmp_path)
    media = tmp_path / "restored-media"
    assert _restore(archive, fresh_database, media).returncode == 0
    counts, _checksum = _source_state()

    again = _restore(archive, fresh_database, media)
    assert again.returncode != 0
    assert "не порожня" in again.stderr and "--force" in again.stderr
    # --force replaces the content, and the result is verified like any restore.
    forced = _restore(archive, fresh_database, media, "--force")
    assert forced.returncode == 0, forced.stderr
    restored = _connect(fresh_database)
    try:
        assert _counts(restored.cursor(), list(counts)) == counts
    finally:
        restored.close()


def _tampered(archive: Path, change: Any) -> Path:
    """A copy of the archive with its manifest changed by `change(data)` (members copied as they are)."""
    target = archive.with_name("tampered.tar")
    with tarfile.open(archive) as source, tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as out:
        for member in source.getmembers():
            body = source.extractfile(member)
            if member.name == "manifest.json":
                assert body is not None
                data = json.loads(body.read())
                change(data)
                raw = json.dumps(data).encode()
                member.size = len(raw)
                body = io.BytesIO(raw)
            out.addfile(member, body)
    return target


def test_restore_fails_loudly_when_the_journal_differs_from_the_manifest(seeded, tmp_path, fresh_database):
    archive = _backed_up(seeded, tmp_path)

    def one_more_event(data: dict[str, Any]) -> None:
        data["tables"]["appeals_appealevent"] += 1
        data["journal"]["sha256"] = "0" * 64

    done = _restore(_tampered(archive, one_more_event), fresh_database, tmp_path / "restored-media")
    assert done.returncode != 0
    assert "appeals_appealevent" in done.stderr and "Перевірка не пройдена" in done.stderr


def test_check_passes_when_archive_is_intact_and_names_the_file_when_damaged(seeded, tmp_path):
    archive = _backed_up(seeded, tmp_path)
    call_command("restore", str(archive), check=True)

    # Flip one byte of the attachment inside the archive: --check must name it.
    with tarfile.open(archive) as tar:
        member = tar.getmember("media/" + seeded.file.name)
    with archive.open("r+b") as raw:
        raw.seek(member.offset_data + 100)
        byte = raw.read(1)
        raw.seek(member.offset_data + 100)
        raw.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(CommandError):
        call_command("restore", str(archive), check=True)
    report = backup.check_archive(archive)
    assert len(report.problems) == 1 and seeded.file.name in report.problems[0]
