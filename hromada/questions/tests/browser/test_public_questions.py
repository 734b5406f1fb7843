"""Запитання до міської влади in a real browser: a resident asks, the moderator publishes it to a
department, the department's executor answers, and the resident finds the answer on the public list
by searching. axe-core checks the ask form, the public list and page, the legal-help list, and the
moderator's queue and card; each page is kept as a screenshot.

Elements are found by id, not by their (translated) text, so that the test reads the same before and
after the Ukrainian catalogue is compiled."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hromada.questions import services
from hromada.questions.models import Question, QuestionStatus

pytestmark = pytest.mark.django_db(transaction=True)

AUTHOR = "Гнатюк Марія Степанівна"
EMAIL = "hnatiuk@example.org"
#: The password hromada.testing.make_user gives the `staff` fixture's accounts.
PASSWORD = "pw"


def staff_page(browser: Any, args: dict[str, Any], base: str, username: str) -> Any:
    """A new browser window with `username` signed in to the workspace."""
    page = browser.new_context(**args).new_page()
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")
    return page


def test_resident_asks_moderator_publishes_executor_answers_resident_reads(
    live_server, page, browser, browser_context_args, axe, shot, staff
):
    base = live_server.url

    # 1. The resident asks.
    page.goto(f"{base}/zapytannia/nove/")
    page.locator("#id_name").fill(AUTHOR)
    page.locator("#id_email").fill(EMAIL)
    page.select_option("#id_topic", "communal")
    page.locator("#id_text").fill("Коли на вулиці Сонячній відновлять вуличне ОСВІТЛЕННЯ після негоди?")
    page.locator("#id_consent").check()
    axe.check(page, "question form")
    shot(page, "60-question-form")
    page.locator("form[action='/zapytannia/nove/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert EMAIL in page.content() and AUTHOR not in page.content()
    question = Question.objects.get()
    assert question.status == QuestionStatus.NEW

    # 2. The moderator sees it in the queue and publishes it to the communal department.
    moderator = staff_page(browser, browser_context_args, base, "moderator")
    moderator.goto(f"{base}/staff/questions/?status=new")
    assert moderator.locator(f"a[href='/staff/questions/{question.pk}/']").count() == 1
    axe.check(moderator, "moderation queue")
    shot(moderator, "61-question-queue")
    moderator.locator(f"a[href='/staff/questions/{question.pk}/']").click()
    moderator.wait_for_url(re.compile(rf"/staff/questions/{question.pk}/$"))
    assert AUTHOR in moderator.content() and EMAIL in moderator.content()
    moderator.locator("#action-publish > summary").click()
    axe.check(moderator, "question card with the publish form")
    shot(moderator, "62-question-card")
    moderator.select_option("#id_publish_department", "communal")
    moderator.locator("#action-publish button[type=submit]").click()
    moderator.wait_for_url(re.compile(rf"/staff/questions/{question.pk}/$"))
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.department is not None
    assert question.department.code == "communal"

    # 3. An executor of another department does not find it; the communal executor answers it.
    other = staff_page(browser, browser_context_args, base, "executor_social")
    assert other.goto(f"{base}/staff/questions/{question.pk}/").status == 404
    executor = staff_page(browser, browser_context_args, base, "executor_communal")
    executor.goto(f"{base}/staff/questions/{question.pk}/")
    assert AUTHOR not in executor.content()
    executor.locator("#action-answer > summary").click()
    executor.locator("#id_answer_text").fill("Освітлення на вулиці Сонячній відновлено 25.11.2026.")
    axe.check(executor, "question card with the answer form")
    executor.locator("#action-answer button[type=submit]").click()
    executor.wait_for_url(re.compile(rf"/staff/questions/{question.pk}/$"))
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED

    # 4. The resident finds it on the public list by a word in any case, and reads the answer.
    page.goto(f"{base}/zapytannia/")
    page.locator("#id_q").fill("освітлення")
    page.select_option("#id_status", "answered")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    link = page.locator(f"a[href='/zapytannia/{question.pk}/']")
    assert link.count() == 1
    axe.check(page, "public questions, searched")
    shot(page, "63-questions-list")
    link.click()
    page.wait_for_url(re.compile(rf"/zapytannia/{question.pk}/$"))
    content = page.content()
    assert "Освітлення на вулиці Сонячній відновлено 25.11.2026." in content
    assert staff["executor_communal"].department.name in content  # the department signs the answer
    assert "Г. М. С." in content and AUTHOR not in content and EMAIL not in content
    axe.check(page, "public question with its answer")
    shot(page, "64-question-answered")


def test_legal_help_list_shows_a_published_consultation(live_server, page, axe, shot, staff):
    """Legal help: a consultation the moderator publishes is on the public list."""
    base = live_server.url
    consultation = services.create_consultation(
        actor=staff["moderator"],
        title="Як оскаржити рішення ради?",
        question="Куди оскаржити рішення виконавчого комітету?",
        answer="До адміністративного суду протягом шести місяців.",
        topic="local_government",
    )
    services.publish_consultation(actor=staff["moderator"], consultation_id=consultation.pk)
    page.goto(f"{base}/pravova-dopomoha/")
    assert page.locator(f"a[href='/pravova-dopomoha/{consultation.pk}/']").count() == 1
    axe.check(page, "legal help list")
    shot(page, "65-legal-help")
