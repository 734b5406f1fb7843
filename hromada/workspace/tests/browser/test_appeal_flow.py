"""The whole path of a phone appeal in a real browser, each page checked with axe-core and saved as a
screenshot under var/screenshots/ (the illustrations of docs/guide/):

registrar registers a phone call with two issues → the head gives a resolution → an executor of another
department cannot open it → time passes and the controller sees it overdue → the lead department's
executor answers both issues → the head takes it off control.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from hromada.accounts.demo import ensure_staff
from hromada.appeals.models import Appeal, Status

pytestmark = pytest.mark.django_db(transaction=True)


class Desk:
    """One person's browser window, signed in."""

    def __init__(self, browser: Any, args: dict[str, Any], base: str, username: str, axe: Any, shot: Any):
        self.context = browser.new_context(**args)
        self.page = self.context.new_page()
        self.base = base
        self.axe = axe
        self.shot = shot
        self.page.goto(f"{base}/staff/sign-in/")
        self.page.get_by_label("Ім’я користувача").fill(username)
        self.page.get_by_label("Пароль").fill("demo")
        self.page.get_by_role("button", name="Увійти").click()
        self.page.wait_for_url(f"{base}/staff/")

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.base}{path}")
        return self.page

    def check(self, name: str) -> None:
        """axe-core finds no serious or critical problem, and the page is kept as an illustration."""
        self.axe.check(self.page, name)
        self.shot(self.page, name)

    def act(self, slug: str) -> Any:
        """Open an action of the appeal card; returns its form."""
        self.page.locator(f"#action-{slug} > summary").click()
        return self.page.locator(f"#action-{slug} form")

    def close(self) -> None:
        self.context.close()


def _registrar_takes_a_phone_call(registrar: Desk) -> Appeal:
    """1. The registrar takes a phone call: channel first, then the caller, then two issues."""
    registrar.check("02-registrar-dashboard")
    page = registrar.open("/staff/appeals/new/")
    assert page.evaluate("document.activeElement.id") == "id_channel"
    page.select_option("#id_channel", "phone")
    page.select_option("#id_kind", "complaint")  # no kind is chosen for the registrar
    page.locator("#id_name").fill("Гнатюк Марія Степанівна")
    page.locator("#id_phone").fill("0671234567")
    page.locator("#id_address").fill("вул. Незалежності, 12, кв. 7")
    page.select_option("#id_issues-0-topic", "communal")
    page.locator("#id_issues-0-text").fill("Не працює ліфт у під'їзді № 2")
    page.locator("[data-add-issue]").click()  # the second issue row appears on demand
    page.select_option("#id_issues-1-topic", "transport")
    page.locator("#id_issues-1-text").fill("Автобус № 5 не ходить за розкладом")
    page.locator("#id_summary").fill("Ліфт і автобус")
    registrar.check("03-registration-form")
    page.get_by_role("button", name="Зареєструвати").click()
    page.wait_for_url(re.compile(r"/staff/appeals/\d+/$"))
    appeal = Appeal.objects.get()
    assert appeal.channel_id == "phone" and appeal.issues.count() == 2
    assert appeal.number in page.locator("h1").inner_text()
    registrar.check("04-card-after-registration")
    page.goto(f"{registrar.base}/staff/appeals/{appeal.pk}/control-card/")
    assert appeal.number in page.content()
    registrar.check("05-control-card")
    registrar.close()
    return appeal


def _head_gives_the_resolution(head: Desk, appeal: Appeal) -> dt.date:
    """2. The head gives the resolution: the communal department leads, the short term."""
    head.check("06-head-dashboard")
    page = head.open("/staff/appeals/?awaiting=resolution")
    head.check("07-list-awaiting-resolution")
    page.get_by_role("link", name=appeal.number).click()
    page.wait_for_url(f"{head.base}/staff/appeals/{appeal.pk}/")
    form = head.act("resolve")
    form.locator("select[name=lead_department]").select_option("communal")
    form.locator("select[name=term]").select_option("15d")
    head.check("08-card-resolution-form")
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(str(Status.IN_PROGRESS.label))
    appeal.refresh_from_db()
    assert appeal.lead_department is not None
    assert appeal.status == Status.IN_PROGRESS and appeal.lead_department.code == "communal"
    assert appeal.due_date is not None
    return appeal.due_date


def _controller_sees_it_overdue(controller: Desk, appeal: Appeal) -> None:
    """4. The day after the due date the controller sees it overdue."""
    page = controller.page
    overdue_tile = page.locator(".card", has_text="Прострочені")
    assert overdue_tile.locator(".count").inner_text() == "1"
    controller.check("09-controller-dashboard-overdue")
    overdue_tile.get_by_role("link").click()
    page.wait_for_url(re.compile(r"overdue=1"))
    row = page.locator("tr", has_text=appeal.number)
    assert "прострочено" in row.inner_text().lower()
    controller.check("10-controller-overdue-list")
    controller.close()


def _executor_answers_both_issues(executor: Desk, appeal: Appeal) -> None:
    """5. The communal department's executor answers both issues."""
    executor.check("11-executor-dashboard")
    page = executor.open(f"/staff/appeals/{appeal.pk}/")
    assert "прострочено" in page.locator("body").inner_text().lower()
    form = executor.act("answer")
    form.locator("textarea[name=text]").fill(
        "Ліфт відремонтовано 25.11; перевізника зобов'язано дотримуватися розкладу."
    )
    selects = form.locator("select[name^=result_]")
    assert selects.count() == 2
    selects.nth(0).select_option("resolved")
    selects.nth(1).select_option("explained")
    executor.check("12-card-answer-form")
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(str(Status.ANSWERED.label))
    executor.close()


def _head_reads_the_letter_and_closes(head: Desk, appeal: Appeal) -> None:
    """6. The head reads the answer letter and takes the appeal off control."""
    page = head.open(f"/staff/appeals/{appeal.pk}/letter/")
    assert "Щодо звернення" in page.content()
    head.check("13-answer-letter")
    page = head.open(f"/staff/appeals/{appeal.pk}/")
    form = head.act("close")
    form.get_by_label("Підтверджую").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(str(Status.CLOSED.label))
    head.check("14-card-closed")
    head.close()


def test_phone_appeal_from_registration_to_closing(
    live_server, browser, browser_context_args, axe, shot, settings
):
    ensure_staff()
    base = live_server.url

    def desk(username: str) -> Desk:
        return Desk(browser, browser_context_args, base, username, axe, shot)

    appeal = _registrar_takes_a_phone_call(desk("registrar"))
    head = desk("head")
    due = _head_gives_the_resolution(head, appeal)

    # 3. Another department's executor cannot open it: "not found", never "forbidden".
    stranger = desk("executor_social")
    response = stranger.page.goto(f"{base}/staff/appeals/{appeal.pk}/")
    assert response.status == 404
    assert "Сторінку не знайдено" in stranger.page.locator("h1").inner_text()
    stranger.close()

    # 4. Time passes.
    settings.HROMADA_NOW = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(10)).isoformat()
    _controller_sees_it_overdue(desk("controller"), appeal)
    _executor_answers_both_issues(desk("executor_communal"), appeal)
    _head_reads_the_letter_and_closes(head, appeal)
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED
    assert [i.result_id for i in appeal.issues.order_by("position")] == ["resolved", "explained"]
