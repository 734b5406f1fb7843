"""A resident in a real browser: files an e-appeal, tracks it, and reads the answer once staff have
answered it; each public page passes axe-core and is kept as a screenshot."""

from __future__ import annotations

import pytest

from hromada.accounts.demo import ensure_staff
from hromada.appeals import services
from hromada.appeals.models import Appeal

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_files_tracks_and_reads_the_answer(live_server, page, axe, shot):
    staff = ensure_staff()
    base = live_server.url
    page.goto(f"{base}/")
    axe.check(page, "portal home")
    shot(page, "50-portal-home")

    page.goto(f"{base}/zvernennia/nove/")
    page.locator("#id_name").fill("Савченко Ганна Олексіївна")
    page.locator("#id_address").fill("вул. Соборна, 3, кв. 14, м. Житомир")
    page.locator("#id_email").fill("hanna@example.org")
    page.locator("#id_text").fill("Прошу відновити вуличне освітлення на вул. Соборній біля будинку № 3.")
    axe.check(page, "e-appeal form")
    shot(page, "51-portal-form")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Надіслати звернення").click()
    page.wait_for_load_state()
    number = page.locator("dd strong").nth(0).inner_text()
    code = page.locator("dd strong").nth(1).inner_text()
    appeal = Appeal.objects.get()
    assert appeal.number == number and appeal.channel_id == "web"
    axe.check(page, "e-appeal filed")
    shot(page, "52-portal-filed")

    # Staff work: a resolution and the answer.
    services.resolve_appeal(
        actor=staff["head"], appeal_id=appeal.pk, lead_department="misksvitlo", term="15d"
    )
    issue = appeal.issues.get()
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        text="Освітлення відновлено 25.11.2026.",
        results=[(issue.pk, "resolved")],
    )

    # A wrong code reveals nothing; the right one shows the answer.
    page.goto(f"{base}/zvernennia/stan/")
    page.locator("#id_number").fill(number)
    page.locator("#id_code").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Показати стан").click()
    page.wait_for_load_state()
    assert "Освітлення відновлено" not in page.content()
    axe.check(page, "tracking, wrong code")
    page.locator("#id_number").fill(number)
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Показати стан").click()
    page.wait_for_load_state()
    assert "Освітлення відновлено 25.11.2026." in page.content()
    assert "Вирішено позитивно" in page.content()
    assert staff["head"].last_name not in page.content()  # no staff names in the author's view
    axe.check(page, "tracking, answered")
    shot(page, "53-portal-status")
