"""The staff petition pages in a real browser, each checked with axe-core (WCAG 2.1 A/AA) and kept as
a screenshot under var/screenshots/: the moderator's list and card (with a field error), publishing,
the fraud page with its confirm step; the head's answer form (with errors) and the answered card."""

from __future__ import annotations

import re

import pytest

from hromada.accounts.models import Role
from hromada.petitions import services
from hromada.petitions.models import PetitionStatus
from hromada.petitions.tests.test_staff_pages import in_moderation, resident, under_consideration
from hromada.testing import kyiv, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def test_staff_petition_pages_pass_axe(live_server, browser, browser_context_args, axe, shot, settings):
    settings.HROMADA_NOW = "2026-11-20T10:00:00"
    moderator = make_user("moderator", Role.MODERATOR)
    make_user("head", Role.HEAD)
    waiting = in_moderation("Відремонтувати сквер біля школи № 3")
    considering = under_consideration(moderator, "Зупинка громадського транспорту біля ринку")
    base = live_server.url

    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    sign_in(page, base, "moderator")
    axe.check(page, "petitions-01-moderator-dashboard")
    page.goto(f"{base}/staff/petitions/")
    assert page.locator("#petition-queue-heading").inner_text() == "Черга модерації"
    axe.check(page, "petitions-02-list")
    shot(page, "petitions-02-list")

    page.get_by_role("link", name=f"№{waiting.pk}").first.click()
    page.wait_for_url(f"{base}/staff/petitions/{waiting.pk}/")
    axe.check(page, "petitions-03-card")
    shot(page, "petitions-03-card")
    page.locator("#action-return > summary").click()
    page.locator("#action-return button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_return_reason_error").count() == 1
    axe.check(page, "petitions-04-card-error")
    page.locator("#action-publish > summary").click()
    page.locator("#action-publish button[type=submit]").click()
    page.wait_for_url(f"{base}/staff/petitions/{waiting.pk}/")
    waiting.refresh_from_db()
    assert waiting.status == PetitionStatus.COLLECTING

    for i in range(6):
        who = resident(f"Підписант {i}", f"s{i}@spam.example" if i % 2 else f"s{i}@ukr.net")
        services.sign_petition(
            signer=who, petition_id=waiting.pk, ip="203.0.113.9", now=kyiv(2026, 11, 20, 10 + i % 3, 5)
        )
    page.goto(f"{base}/staff/petitions/{waiting.pk}/fraud/")
    assert page.locator("svg.chart title").text_content() == "Підписи за годинами"
    axe.check(page, "petitions-05-fraud")
    shot(page, "petitions-05-fraud")
    page.get_by_role("link", name="spam.example").click()
    page.wait_for_url(re.compile(r"email_domain=spam\.example"))
    page.locator("#id_reason").fill("Підписи з одноразових скриньок.")
    page.get_by_role("button", name="Далі").click()
    page.wait_for_load_state()
    assert "3 дійсні підписи буде визнано недійсними." in page.locator("#invalidate").inner_text()
    axe.check(page, "petitions-06-fraud-confirm")
    page.get_by_role("button", name="Визнати недійсними 3 підписи").click()
    page.wait_for_url(f"{base}/staff/petitions/{waiting.pk}/fraud/")
    axe.check(page, "petitions-07-fraud-invalidated")
    context.close()

    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    sign_in(page, base, "head")
    page.goto(f"{base}/staff/petitions/{considering.pk}/")
    page.locator("#action-answer > summary").click()
    axe.check(page, "petitions-08-answer-form")
    shot(page, "petitions-08-answer-form")
    page.locator("#action-answer button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_answer_supported_error").count() == 1
    axe.check(page, "petitions-09-answer-errors")
    page.get_by_label("Підтримано", exact=True).check()
    page.locator("#id_answer_text").fill("Рада підтримує петицію: зупинку облаштують навесні.")
    page.locator("#action-answer button[type=submit]").click()
    page.wait_for_url(f"{base}/staff/petitions/{considering.pk}/")
    considering.refresh_from_db()
    assert considering.status == PetitionStatus.ANSWERED
    axe.check(page, "petitions-10-answered-card")
    context.close()
