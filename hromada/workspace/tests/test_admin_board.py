"""The administrator's dashboard: accounts by role and those needing attention, imports and tasks that
wait or failed, the latest backup — each figure the rows of the admin list it links to; and the
admin itself under the platform's name with every section named in Ukrainian."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from hromada.accounts.models import Role, SignInFailure
from hromada.appeals.models import ImportJob, ImportJobState
from hromada.testing import make_user
from hromada.workspace.tests.links import counted_links, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(staff):
    user = staff["administrator"]
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def council_to_watch(staff, settings, tmp_path):
    """Two roles needing a second factor, the head enrolled; a disabled registrar; the controller
    locked out; one import queued, one failed; one failed background task."""
    settings.HROMADA_SECOND_FACTOR_ROLES = [
        "head",
        "controller",
    ]  # not the administrator: the test client has no code
    settings.HROMADA_BACKUP_DIR = tmp_path / "backups"
    TOTPDevice.objects.create(user=staff["head"], name="authenticator", confirmed=True)
    retired = make_user("retired", Role.REGISTRAR)
    retired.is_active = False
    retired.save()
    for _ in range(settings.HROMADA_SIGN_IN_MAX_FAILURES):
        SignInFailure.objects.create(username="controller", ip="10.0.0.9")
    for state in (ImportJobState.QUEUED, ImportJobState.FAILED, ImportJobState.DONE):
        ImportJob.objects.create(
            created_by=staff["registrar"], file_name=f"{state}.jsonl", format="jsonl", state=state
        )
    DBTaskResult.objects.create(
        task_path="hromada.notifications.tasks.send", status="FAILED", args_kwargs={"args": [], "kwargs": {}}
    )


def test_every_figure_of_the_administrators_dashboard_is_the_rows_of_its_admin_list(
    staff, administrator, council_to_watch
):
    html = administrator.get("/staff/").content.decode()
    links = counted_links(html)
    assert len(links) >= 10
    for href, shown, text in links:
        assert rows_of(administrator, href) == shown, f"«{text}» → {href}"
    board = administrator.get("/staff/").context["admin_board"]
    tiles = {t.label: t.count for t in board.tiles}
    assert tiles == {
        "Облікові записи, заблоковані для входу зараз": 1,
        "Працівники без другого фактора": 1,  # the controller
        "Облікові записи мешканців": 0,
        "Імпорти, що очікують або тривають": 1,
        "Невдалі імпорти": 1,
        "Невдалі фонові завдання": 1,
    }
    registrars = next(r for r in board.roles if r.label == "реєстратор")
    assert (registrars.active.count, registrars.inactive.count) == (1, 1)


def test_no_backup_is_said_clearly_and_the_latest_one_is_shown(staff, administrator, settings, tmp_path):
    folder = tmp_path / "backups"
    settings.HROMADA_BACKUP_DIR = folder
    html = administrator.get("/staff/").content.decode()
    assert "Резервної копії не знайдено." in html and str(folder) in html
    folder.mkdir()
    old, new = folder / "hromada-20261101-013000.tar", folder / "hromada-20261203-013000.tar"
    for path in (old, new):
        path.write_bytes(b"x" * 2048)
    os.utime(old, (1, 1))
    html = administrator.get("/staff/").content.decode()
    assert "hromada-20261203-013000.tar" in html and "hromada-20261101" not in html
    assert "Резервної копії не знайдено." not in html
    board = administrator.get("/staff/").context["admin_board"]
    assert board.backup.size == 2048 and not board.backup_stale
    stale = timezone.now() - dt.timedelta(days=3)
    os.utime(new, (stale.timestamp(), stale.timestamp()))
    assert "старша за 26 годин" in administrator.get("/staff/").content.decode()


def test_the_page_title_is_plain_text(administrator):
    html = administrator.get("/staff/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and "<" not in title.group(1) and "Робочий стіл" in title.group(1)


def test_settings_and_journals_are_linked_and_open(administrator):
    board = administrator.get("/staff/").context["admin_board"]
    for label, url in board.links:
        assert administrator.get(url).status_code in (200, 302), label


def test_admin_speaks_ukrainian_under_the_platforms_name(administrator):
    html = administrator.get("/admin/").content.decode()
    assert "Громада — адміністрування" in html and "Django" not in html
    sections = [
        re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<caption>(.*?)</caption>", html, re.S)
    ]
    models = [
        re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', html, re.S)
    ]
    latin = [name for name in sections + models if re.search(r"[A-Za-z]{3,}", name) and "API" not in name]
    assert not latin, latin
    assert "Другий фактор: додатки-автентифікатори" in sections and "Фонові завдання" in sections


def test_admin_is_english_on_request(administrator):
    html = administrator.get("/admin/", headers={"Accept-Language": "en"}).content.decode()
    assert "Hromada — administration" in html and "Users and departments" in html
