"""The import page in Chromium: the registrar opens the format description, downloads the sample CSV
from its link, uploads that very file, and the worker imports its three cards."""

from __future__ import annotations

import re

import pytest
from django_tasks_db.models import DBTaskResult

from hromada.accounts.demo import ensure_staff
from hromada.appeals.import_format import HEADER, SAMPLE_CSV_NAME
from hromada.appeals.models import Appeal
from hromada.notifications.tests.conftest import worker  # noqa: F401  (the real task worker)

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def test_sample_downloaded_from_the_import_page_imports_when_uploaded(
    live_server,
    page,
    axe,
    shot,
    worker,  # noqa: F811
    tmp_path,
):
    ensure_staff()
    DBTaskResult.objects.all().delete()  # migrate queued the worker's daily tick
    base = live_server.url
    sign_in(page, base, "registrar")
    page.goto(f"{base}/staff/appeals/import/")

    page.get_by_role("link", name="Формат файлу імпорту").click()
    page.wait_for_url(f"{base}/staff/appeals/import/format/")
    assert page.get_by_role("heading", level=1).inner_text() == "Формат файлу імпорту"
    assert page.locator("tbody tr").count() == len(HEADER)
    page.locator("#column-channel summary").click()  # the channel codes open
    assert page.locator("#column-channel").get_by_text("gov_hotline").is_visible()
    axe.check(page, "20b-import-format")
    shot(page, "20b-import-format")
    page.get_by_role("link", name="Назад до імпорту").click()
    page.wait_for_url(f"{base}/staff/appeals/import/")

    with page.expect_download() as info:
        page.get_by_role("link", name="Зразок файлу, CSV").click()
    download = info.value
    assert download.suggested_filename == SAMPLE_CSV_NAME
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(HEADER)

    page.locator("#id_file").set_input_files(str(saved))
    page.get_by_role("button", name="Імпортувати", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/appeals/import/\d+/$"))
    assert worker() == 1
    page.reload()
    assert "Імпорт завершено" in page.locator("#import-job").inner_text()
    assert Appeal.objects.count() == 3
    axe.check(page, "20c-import-sample-done")
