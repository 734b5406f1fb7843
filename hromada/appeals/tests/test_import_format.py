"""The import's format page and sample files: drawn from the importer's own column list, so they
cannot drift from it; the downloaded sample imports cleanly through the web import and the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hromada.appeals import import_format
from hromada.appeals.import_format import CSV_COLUMNS, HEADER, csv_row_to_body
from hromada.appeals.models import Appeal, ImportJob
from hromada.appeals.schemas import AppealRegisterIn, ApplicantIn, IssueIn
from hromada.notifications.tests.conftest import worker  # noqa: F401  (the real task worker)

IMPORT = "/staff/appeals/import/"
FORMAT = "/staff/appeals/import/format/"
SAMPLE_CSV = "/staff/appeals/import/sample.csv"
SAMPLE_JSONL = "/staff/appeals/import/sample.jsonl"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "data-exchange.md"


@pytest.fixture(autouse=True)
def _empty_queue(db) -> None:
    DBTaskResult.objects.all().delete()  # migrate queues the worker's daily tick


@pytest.fixture
def registrar_client(client, staff):
    client.force_login(staff["registrar"])
    return client


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_column_maps_to_a_field_of_the_registration_schema():
    fields = {
        "": AppealRegisterIn.model_fields,
        "applicants": ApplicantIn.model_fields,
        "issues": IssueIn.model_fields,
    }
    for column in CSV_COLUMNS:
        target, _dot, part = column.field.partition(".")
        scope, name = (target, part) if part else ("", target)
        assert name in fields[scope], column.name
    assert len(set(HEADER)) == len(HEADER)


def test_format_page_lists_every_column_with_the_codes_of_its_vocabulary(registrar_client):
    html = registrar_client.get(FORMAT).content.decode()
    rows = re.findall(r'<tr id="column-([a-z_]+)">', html)
    assert rows == list(HEADER)  # the importer's columns, in its order, and nothing else
    channel = html.split('id="column-channel"', 1)[1].split("</tr>", 1)[0]
    assert "<code>gov_hotline</code> — Урядова гаряча лінія" in channel
    topics = html.split('id="column-issue_topics"', 1)[1].split("</tr>", 1)[0]
    assert "Коди (23)" in topics and "<code>communal</code>" in topics
    assert f'href="{SAMPLE_CSV}" download' in html and f'href="{SAMPLE_JSONL}" download' in html
    assert "1, true, так, yes" in html  # the words that set a flag


def test_import_page_links_the_format_and_both_samples(registrar_client):
    html = registrar_client.get(IMPORT).content.decode()
    assert f'href="{FORMAT}"' in html
    assert f'href="{SAMPLE_CSV}" download' in html and f'href="{SAMPLE_JSONL}" download' in html


def test_sample_csv_has_every_column_and_cards_dated_today(registrar_client, settings):
    settings.HROMADA_NOW = "2026-11-20T12:30:00"
    response = registrar_client.get(SAMPLE_CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="appeals-import-sample.csv"'
    text = body_of(response).decode("utf-8")
    assert text.startswith("\ufeff" + ",".join(HEADER) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["external_id"] for r in rows] == ["УКЦ-ЗРАЗОК-0001", "РКЦ-ЗРАЗОК-0002", ""]
    assert [r["received_at"] for r in rows] == ["2026-11-20T10:30:00", "2026-11-20T11:30:00", ""]


def test_sample_received_times_stay_today_when_it_is_just_past_midnight():
    now = timezone.make_aware(dt.datetime(2026, 11, 20, 0, 30))
    assert [row.get("received_at") for row in import_format.sample_rows(now)] == [
        "2026-11-20T00:00:00",
        "2026-11-20T00:00:00",
        None,
    ]


def test_sample_jsonl_is_the_csv_rows_through_the_importers_mapping(registrar_client):
    response = registrar_client.get(SAMPLE_JSONL)
    assert response["Content-Disposition"] == 'attachment; filename="appeals-import-sample.jsonl"'
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    now = timezone.now()
    assert [line["summary"] for line in lines] == [
        csv_row_to_body(r)["summary"] for r in import_format.sample_rows(now)
    ]
    second = lines[1]
    assert second["issues"][0]["text"] == "Не вивозять сміття; контейнери переповнені"  # "\;" kept as ";"
    assert second["applicants"][0]["categories"] == ["combatant", "large_family"] and second["signed"] is True


@pytest.mark.parametrize(("url", "name"), [(SAMPLE_CSV, "sample.csv"), (SAMPLE_JSONL, "sample.jsonl")])
def test_downloaded_sample_imports_every_card_when_uploaded_to_the_import_page(
    registrar_client,
    worker,  # noqa: F811
    url,
    name,
):
    content = body_of(registrar_client.get(url))
    response = registrar_client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    assert worker() == 1
    job = ImportJob.objects.get()
    assert job.state == "done", job.error
    report = job.report or {}
    assert (report["lines"], report["imported"], report["invalid_count"]) == (3, 3, 0)
    assert report["committed"] is True
    appeals = {a.channel_id: a for a in Appeal.objects.prefetch_related("issues", "applicants")}
    assert set(appeals) == {"gov_hotline", "regional_hotline", "email"}
    assert appeals["gov_hotline"].priority  # disability_2: a priority author
    assert appeals["regional_hotline"].issues.count() == 2
    assert "Імпорт завершено" in registrar_client.get(response["Location"]).content.decode()


def test_downloaded_sample_imports_through_the_command_too(registrar_client, tmp_path):
    path = tmp_path / "sample.csv"
    path.write_bytes(body_of(registrar_client.get(SAMPLE_CSV)))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_appeals", str(path), stdout=out, stderr=err)
    assert Appeal.objects.count() == 3 and err.getvalue().count("рядок") == 0


@pytest.mark.parametrize("who", ["executor_communal", "controller", "nobody"])
def test_format_and_samples_are_forbidden_when_the_role_cannot_import(client, staff, who):
    client.force_login(staff[who])
    for url in (FORMAT, SAMPLE_CSV, SAMPLE_JSONL):
        assert client.get(url).status_code == 403


def test_exchange_document_names_every_column_and_the_sample_addresses():
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Import", 1)[1].split("\n## ", 1)[0]
    assert [name for name in HEADER if f"`{name}`" not in section] == []
    assert SAMPLE_CSV in section and SAMPLE_JSONL in section and FORMAT in section
