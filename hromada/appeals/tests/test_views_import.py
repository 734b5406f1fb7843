"""The import page: a contact-center batch uploaded by a registrar, queued for the task worker, imported
there with every line accounted for, and its job page showing progress, then the report."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from hromada.appeals import import_jobs
from hromada.appeals.models import Appeal, AppealEvent, Applicant, ImportJob, ImportJobState
from hromada.core.models import AuditEntry
from hromada.notifications.tests.conftest import worker  # noqa: F401  (the real task worker)
from hromada.testing import appeal_body

URL = "/staff/appeals/import/"
JOB_URL = re.compile(r"^/staff/appeals/import/(\d+)/$")


def card(n: int, **overrides: Any) -> dict[str, Any]:
    body = appeal_body(channel="gov_hotline", external_id=f"УКЦ-{n}", received_at="2026-11-10T09:00:00")
    body["applicants"] = [{"name": f"Мельник Особа{n}", "phone": f"+3806700000{n:02d}"}]
    body.update(overrides)
    return body


def jsonl(*lines: Any) -> bytes:
    return (
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    ).encode()


def upload(client, content: bytes, name: str = "batch.jsonl", **fields: Any):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **fields})


def queued(client, content: bytes, name: str = "batch.jsonl", **fields: Any) -> str:
    """Upload a batch; the job page's address it is sent to."""
    response = upload(client, content, name, **fields)
    assert response.status_code == 302, response.content
    assert JOB_URL.match(response["Location"])
    return str(response["Location"])


def imported(client, worker, content: bytes, name: str = "batch.jsonl", **fields: Any) -> tuple[str, str]:  # noqa: F811
    """Upload, run the worker, and read the job page: (its address, its HTML)."""
    job_url = queued(client, content, name, **fields)
    assert worker() == 1
    page = client.get(job_url)
    assert page.status_code == 200
    return job_url, page.content.decode()


@pytest.fixture(autouse=True)
def _empty_queue(db) -> None:
    DBTaskResult.objects.all().delete()  # migrate queues the worker's daily tick


@pytest.fixture
def registrar_client(client, staff):
    client.force_login(staff["registrar"])
    return client


def test_import_page_opens_with_the_file_input_when_a_registrar_asks(registrar_client):
    html = registrar_client.get(URL).content.decode()
    assert 'type="file" name="file"' in html and "autofocus" in html
    assert 'name="skip_invalid"' in html


def test_batch_is_queued_and_nothing_imported_in_the_request_when_uploaded(registrar_client, staff):
    job_url = queued(registrar_client, jsonl(card(1), card(2)))

    assert Appeal.objects.count() == 0  # the request only stores and queues
    job = ImportJob.objects.get()
    assert (job.state, job.created_by, job.file_name, job.format) == (
        "queued",
        staff["registrar"],
        "batch.jsonl",
        "jsonl",
    )
    assert job.file.read() == jsonl(card(1), card(2))
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "hromada.appeals.import_jobs.run_import_job"
    page = registrar_client.get(job_url)
    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html and f'hx-get="{job_url}"' in html
    assert "у черзі" in html and "hx-on" not in html and "<script" not in html.split("<main", 1)[-1]
    assert "no-store" in page["Cache-Control"]


def test_good_file_is_imported_and_logged_when_the_worker_runs(registrar_client, staff, worker):  # noqa: F811
    _url, html = imported(registrar_client, worker, jsonl(card(1), card(2), card(3)))

    assert Appeal.objects.count() == 3
    assert set(Appeal.objects.values_list("registered_by__username", flat=True)) == {"registrar"}
    assert "<dd>3</dd>" in html and "Імпорт завершено" in html  # lines read and imported
    assert "hx-trigger" not in html  # finished: the polling stops
    job = ImportJob.objects.get()
    assert (job.state, job.lines_done, job.lines_total) == ("done", 3, 3)
    assert job.started_at and job.finished_at and not job.file  # the batch is not kept once imported
    entry = AuditEntry.objects.get(action="appeals.import")
    assert entry.actor == staff["registrar"]
    assert entry.details["file"] == "batch.jsonl"
    assert (entry.details["imported"], entry.details["already"], entry.details["invalid"]) == (3, 0, 0)
    assert entry.details["committed"] is True


def test_cards_already_registered_are_counted_and_skipped_when_a_batch_comes_again(registrar_client, worker):  # noqa: F811
    imported(registrar_client, worker, jsonl(card(1), card(2)))
    imported(registrar_client, worker, jsonl(card(1), card(2), card(3)))
    assert Appeal.objects.count() == 3
    details = AuditEntry.objects.filter(action="appeals.import").latest("id").details
    assert (details["imported"], details["already"]) == (1, 2)


def test_nothing_is_imported_and_every_bad_line_is_reported_when_a_line_is_bad(registrar_client, worker):  # noqa: F811
    content = jsonl(card(1), "{not json", card(3, issues=[{"topic": "unknown_topic"}]), card(4))
    _url, html = imported(registrar_client, worker, content)

    assert Appeal.objects.count() == Applicant.objects.count() == AppealEvent.objects.count() == 0
    assert "рядок 2: —: " in html and "JSON" in html
    assert "рядок 3: issues.0.topic: Невідома або неактивна тематика «unknown_topic»." in html
    assert "Нічого не імпортовано" in html
    job = ImportJob.objects.get()
    assert job.report is not None
    assert job.state == "done" and job.report["committed"] is False and job.report["invalid_count"] == 2
    details = AuditEntry.objects.get(action="appeals.import").details
    assert (details["imported"], details["invalid"], details["committed"]) == (0, 2, False)


def test_good_lines_are_imported_when_skip_invalid_is_ticked(registrar_client, worker):  # noqa: F811
    content = jsonl(card(1), card(2, kind="nope"), card(3))
    _url, html = imported(registrar_client, worker, content, skip_invalid="on")

    assert set(Appeal.objects.values_list("external_id", flat=True)) == {"УКЦ-1", "УКЦ-3"}
    assert "рядок 2: kind: " in html


def test_csv_batch_is_imported_when_the_file_name_says_csv(registrar_client, worker):  # noqa: F811
    content = (
        "channel,received_at,kind,external_id,applicant_name,applicant_address,applicant_phone,"
        "applicant_categories,issue_topics,issue_texts,summary\n"
        'regional_hotline,2026-11-20T10:00:00,complaint,РКЦ-9,Шевчук Ганна Іванівна,"вул. Миру, 3",'
        "0501112233,combatant,communal;transport,Немає води;Не ходить автобус,Вода і автобус\n"
    ).encode()
    imported(registrar_client, worker, content, name="rkc.csv")
    appeal = Appeal.objects.get()
    assert appeal.external_id == "РКЦ-9" and appeal.priority is True
    assert list(appeal.issues.values_list("topic_id", flat=True)) == ["communal", "transport"]
    assert ImportJob.objects.get().lines_total == 1


def test_file_is_refused_on_its_field_when_it_is_not_utf8(registrar_client):
    response = upload(registrar_client, json.dumps(card(1), ensure_ascii=False).encode("cp1251"))
    assert response.status_code == 422
    assert Appeal.objects.count() == ImportJob.objects.count() == DBTaskResult.objects.count() == 0
    assert 'id="id_file_error"' in response.content.decode()
    assert not AuditEntry.objects.filter(action="appeals.import").exists()


def test_upload_without_a_file_is_refused_when_submitted(registrar_client):
    response = registrar_client.post(URL, {})
    assert response.status_code == 422
    assert 'id="id_file_error"' in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_task_run_twice_imports_once_when_the_worker_repeats_it(registrar_client, worker):  # noqa: F811
    queued(registrar_client, jsonl(card(1)))
    assert worker() == 1
    job = ImportJob.objects.get()
    assert import_jobs.run_job(job.pk) == "skipped"
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize("who", ["executor_communal", "controller", "moderator", "administrator", "nobody"])
def test_import_is_forbidden_when_the_role_is_not_registrar_or_head(client, staff, who):
    client.force_login(staff[who])
    assert client.get(URL).status_code == 403
    assert upload(client, jsonl(card(1))).status_code == 403
    assert Appeal.objects.count() == ImportJob.objects.count() == 0


@pytest.mark.parametrize(
    "who", ["executor_communal", "controller", "moderator", "administrator", "nobody", "other_registrar"]
)
def test_job_is_not_found_when_someone_else_but_a_head_opens_it(client, staff, worker, who):  # noqa: F811
    from hromada.accounts.models import Role
    from hromada.testing import make_user

    staff["other_registrar"] = make_user("registrar2", Role.REGISTRAR)
    client.force_login(staff["registrar"])
    job_url, _html = imported(client, worker, jsonl(card(1)))
    client.force_login(staff[who])
    response = client.get(job_url)
    assert response.status_code == 404
    assert "batch.jsonl" not in response.content.decode()


def test_head_sees_a_registrars_job_when_opening_it(client, staff, worker):  # noqa: F811
    client.force_login(staff["registrar"])
    job_url, _html = imported(client, worker, jsonl(card(1)))
    client.force_login(staff["head"])
    assert client.get(job_url).status_code == 200


def test_head_may_import_when_signed_in(client, staff, worker):  # noqa: F811
    client.force_login(staff["head"])
    imported(client, worker, jsonl(card(1)))
    assert Appeal.objects.count() == 1


def test_anonymous_visitor_is_sent_to_sign_in_when_opening_the_import(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == f"/staff/sign-in/?next={URL}"
    job = client.get(f"{URL}1/")
    assert job.status_code == 302 and job["Location"] == f"/staff/sign-in/?next={URL}1/"


def test_htmx_poll_gets_only_the_job_region_when_it_asks(registrar_client):
    job_url = queued(registrar_client, jsonl(card(1)))
    html = registrar_client.get(job_url, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<section id="import-job"') and "<html" not in html


def test_import_page_reads_only_the_session_and_user_when_opened(registrar_client, django_assert_num_queries):
    registrar_client.get(URL)  # the council settings are then kept by the process for seconds
    with django_assert_num_queries(2):
        assert registrar_client.get(URL).status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="progress from a second connection needs concurrent writers"
)
def test_progress_is_visible_to_the_page_when_the_import_transaction_is_still_open(
    client, staff, monkeypatch, settings
):
    """While the import's one transaction is open, another connection (the page's) already reads the
    lines done; the appeals themselves are not visible until the import commits."""
    client.force_login(staff["registrar"])
    job_url = queued(client, jsonl(*(card(n) for n in range(1, 8))))
    job_match = JOB_URL.match(job_url)
    assert job_match is not None
    job_id = int(job_match.group(1))
    settings.HROMADA_IMPORT_BATCH_SIZE = 3
    seen: list[tuple[int, int]] = []
    real = import_jobs._Progress.__call__

    def observe(self, report):
        real(self, report)

        # The page's view, from another thread and so another connection, mid-import.
        def page() -> None:
            try:
                job = ImportJob.objects.get(pk=job_id)
                seen.append((job.lines_done, Appeal.objects.count()))
            finally:
                connections.close_all()

        thread = threading.Thread(target=page)
        thread.start()
        thread.join()

    monkeypatch.setattr(import_jobs._Progress, "__call__", observe)
    assert import_jobs.run_job(job_id) == "done"

    assert seen == [(3, 0), (6, 0), (7, 0)]  # lines done visible; the appeals not until the commit
    job = ImportJob.objects.get(pk=job_id)
    assert (job.state, job.lines_done, job.lines_total) == (ImportJobState.DONE, 7, 7)
    assert Appeal.objects.count() == 7
