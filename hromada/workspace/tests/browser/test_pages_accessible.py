"""Every staff page outside the main flow passes axe-core too: import, password change, saved filters,
the filtered list with htmx, an error form, the 404 and 403 pages, and the English locale. Also: a
registrar registers a phone call with the keyboard alone."""

from __future__ import annotations

import re

import pytest

from hromada.accounts.demo import ensure_staff
from hromada.appeals.models import Appeal

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def test_other_staff_pages_pass_axe(live_server, page, axe, shot):
    ensure_staff()
    base = live_server.url
    sign_in(page, base, "registrar")
    for path, name in [
        ("/staff/appeals/import/", "20-import"),
        ("/staff/password/", "21-password-change"),
        ("/staff/appeals/?overdue=1&sort=-received", "22-list-sorted"),
    ]:
        page.goto(f"{base}{path}")
        axe.check(page, name)
        shot(page, name)
    # A wrong filter value: the error sits on its field, and the page stays accessible.
    page.goto(f"{base}/staff/appeals/?received_from=32.13.2026")
    assert page.locator(".field-error").count() >= 1
    axe.check(page, "23-list-filter-error")
    # The password form with an error.
    page.goto(f"{base}/staff/password/")
    page.locator("#id_old_password").fill("wrong")
    page.locator("#id_new_password1").fill("Nova-Parol-2026")
    page.locator("#id_new_password2").fill("Nova-Parol-2026")
    page.get_by_role("button", name="Змінити пароль").click()
    assert page.locator(".field-error, .form-errors").count() >= 1
    axe.check(page, "24-password-error")
    # Saving a filter, then the list with it.
    page.goto(f"{base}/staff/appeals/?overdue=1")
    page.get_by_label("Назва фільтра").fill("Мої прострочені")
    page.get_by_role("button", name="Зберегти цей фільтр").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Мої прострочені").count() == 1
    axe.check(page, "25-saved-filter")
    shot(page, "25-saved-filter")
    # Not found and forbidden pages.
    response = page.goto(f"{base}/staff/appeals/999999/")
    assert response.status == 404
    axe.check(page, "26-not-found")
    page.goto(f"{base}/staff/")
    page.get_by_role("button", name="Вийти").click()
    page.wait_for_url(re.compile(r"/staff/sign-in/"))
    sign_in(page, base, "executor_communal")
    response = page.goto(f"{base}/staff/appeals/new/")
    assert response.status == 403
    axe.check(page, "27-forbidden")
    # English is one switch away and passes too.
    page.goto(f"{base}/staff/")
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Змінити").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Dashboard")
    axe.check(page, "28-dashboard-english")


def test_audit_page_passes_axe_with_a_persons_reads_and_a_field_error(live_server, page, axe, shot):
    """The administrator's "who looked at this person's data": search, the person's reads, an error."""
    from hromada.appeals import services
    from hromada.appeals.schemas import AppealRegisterIn
    from hromada.testing import appeal_body

    users = ensure_staff()
    appeal = services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=users["registrar"]
    )
    base = live_server.url
    sign_in(page, base, "head")
    page.goto(f"{base}/staff/appeals/{appeal.pk}/")
    page.goto(f"{base}/staff/")
    page.get_by_role("button", name="Вийти").click()
    page.wait_for_url(re.compile(r"/staff/sign-in/"))
    sign_in(page, base, "admin")
    page.get_by_role("link", name="Хто переглядав").click()
    page.get_by_label("Ім’я, телефон або e-mail").fill("Коваленко")
    page.get_by_role("button", name="Шукати").click()
    page.wait_for_load_state()
    axe.check(page, "29-audit-people")
    page.get_by_role("link", name=re.compile("Показати перегляди даних")).click()
    page.wait_for_load_state()
    assert page.locator("#reads").get_by_text("Савчук").count() >= 1
    axe.check(page, "30-audit-reads")
    shot(page, "30-audit-reads")
    page.goto(f"{base}/staff/audit/?since=2026-11-10&until=2026-11-01")
    assert page.locator(".field-error").count() >= 1
    axe.check(page, "31-audit-error")


def test_phone_call_is_registered_with_the_keyboard_alone(live_server, page):
    """No mouse: the focus starts on the channel; Tab moves on; Ctrl+Enter registers."""
    ensure_staff()
    base = live_server.url
    sign_in(page, base, "registrar")
    page.goto(f"{base}/staff/appeals/new/")
    keyboard = page.keyboard
    assert page.evaluate("document.activeElement.id") == "id_channel"

    def tab_to(element_id: str, limit: int = 40) -> None:
        for _ in range(limit):
            if page.evaluate("document.activeElement.id") == element_id:
                return
            keyboard.press("Tab")
        raise AssertionError(f"Tab never reached #{element_id}")

    # Arrow keys move through a closed select's options, as a clerk does.
    for _ in range(30):
        if page.locator("#id_channel").input_value() == "phone":
            break
        keyboard.press("ArrowDown")
    assert page.locator("#id_channel").input_value() == "phone"
    tab_to("id_kind")  # no kind is preset: the registrar chooses it
    for _ in range(10):
        if page.locator("#id_kind").input_value() == "application":
            break
        keyboard.press("ArrowDown")
    assert page.locator("#id_kind").input_value() == "application"
    tab_to("id_name")
    keyboard.type("Бондаренко Петро Іванович")
    tab_to("id_phone")
    keyboard.type("0509876543")
    tab_to("id_issues-0-topic")
    for _ in range(60):
        if page.locator("#id_issues-0-topic").input_value() == "communal":
            break
        keyboard.press("ArrowDown")
    tab_to("id_issues-0-text")
    keyboard.type("Немає гарячої води третій день")
    keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(r"/staff/appeals/\d+/$"))
    appeal = Appeal.objects.get()
    assert appeal.channel_id == "phone"
    assert appeal.applicants.get().name == "Бондаренко Петро Іванович"
    assert appeal.issues.get().topic_id == "communal"


def test_import_is_followed_on_its_job_page_until_the_report(live_server, page, axe, shot, settings):
    """The registrar uploads a batch; the job page polls (htmx attributes, no inline script under the
    staff CSP) and shows the report once the task worker has imported it, without a reload."""
    import json

    from hromada.appeals.import_jobs import run_job
    from hromada.appeals.models import ImportJob
    from hromada.testing import appeal_body

    ensure_staff()
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, base, "registrar")
    page.goto(f"{base}/staff/appeals/import/")
    cards = [
        {**appeal_body(channel="gov_hotline", external_id=f"УКЦ-{n}", received_at="2026-11-10T09:00:00")}
        for n in (1, 2)
    ]
    batch = "\n".join(json.dumps(c, ensure_ascii=False) for c in cards).encode()
    page.locator("#id_file").set_input_files(
        files=[{"name": "batch.jsonl", "mimeType": "application/json", "buffer": batch}]
    )
    page.locator("form.import-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/staff/appeals/import/\d+/$"))
    assert page.locator("#import-job[hx-trigger='every 2s']").count() == 1
    axe.check(page, "29-import-queued")

    run_job(ImportJob.objects.get().pk)  # what the worker does with the queued task
    page.get_by_text("Імпорт завершено.").wait_for(timeout=10_000)  # swapped in by the next poll
    assert page.locator("#import-job[hx-trigger]").count() == 0  # finished: no more polling
    assert Appeal.objects.count() == 2
    axe.check(page, "30-import-report")
    shot(page, "30-import-report")
    assert errors == []  # no CSP refusal, no script error
