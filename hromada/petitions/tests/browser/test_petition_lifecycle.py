"""A petition's whole life in a real browser: a resident drafts and submits it in the cabinet, the
moderator publishes it in the staff workspace, three residents sign it past the threshold (each in a
browser of their own), the head answers, and the answer is on the public page. axe-core on the pages
that are not checked elsewhere."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Role
from hromada.petitions.models import Petition, PetitionStatus, Signature
from hromada.petitions.services import charter
from hromada.petitions.tests.public_support import PASSWORD, make_resident
from hromada.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def resident_signs_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/kabinet/vkhid/?next={next_path}")
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}{next_path}")


def staff_signs_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def author_drafts_and_submits(page, base: str) -> Petition:
    resident_signs_in(page, base, "author@example.org", "/kabinet/peticii/nova/")
    page.locator("#id_title").fill("Освітлення парку імені Шевченка")
    page.select_option("#id_category", "communal")
    page.locator("#id_text").fill(
        "Просимо встановити ліхтарі вздовж головної алеї парку, де ввечері небезпечно."
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    petition = Petition.objects.get()
    page.locator(f"form[action='/kabinet/peticii/{petition.pk}/podaty/'] button[type=submit]").click()
    page.wait_for_load_state()
    petition.refresh_from_db()
    return petition


def moderator_publishes(browser, base: str, petition: Petition) -> None:
    staff = browser.new_context(locale="uk-UA")
    desk = staff.new_page()
    staff_signs_in(desk, base, "moderator")
    desk.goto(f"{base}/staff/petitions/{petition.pk}/")
    desk.locator("#action-publish > summary").click()
    desk.locator("#action-publish button[type=submit]").click()
    desk.wait_for_load_state()
    staff.close()


def residents_sign(browser, base: str, petition: Petition, signers) -> None:
    """Each in their own browser."""
    for person in signers:
        context = browser.new_context(locale="uk-UA")
        tab = context.new_page()
        resident_signs_in(tab, base, person.email, f"/peticii/{petition.pk}/")
        tab.locator(f"form[action='/peticii/{petition.pk}/pidpysaty/'] button[type=submit]").click()
        tab.wait_for_load_state()
        assert tab.locator(f"form[action='/peticii/{petition.pk}/vidklykaty/']").count() in (0, 1)
        context.close()


def head_answers(browser, base: str, petition: Petition) -> None:
    head = browser.new_context(locale="uk-UA")
    desk = head.new_page()
    staff_signs_in(desk, base, "head")
    desk.goto(f"{base}/staff/petitions/{petition.pk}/")
    desk.locator("#action-answer > summary").click()
    desk.get_by_label("Підтримано", exact=True).check()
    desk.locator("#id_answer_text").fill(
        "Рада підтримує петицію: ліхтарі встановлять до 1 березня 2027 року."
    )
    desk.locator("#action-answer button[type=submit]").click()
    desk.wait_for_url(f"{base}/staff/petitions/{petition.pk}/")
    head.close()


def test_resident_petition_is_published_signed_past_the_threshold_and_answered(
    live_server, browser, page, axe, shot
):
    base = live_server.url
    rules = charter()
    rules.threshold = 3
    rules.save()
    make_user("moderator", Role.MODERATOR)
    make_user("head", Role.HEAD)
    make_resident("author@example.org", "Петренко Олена Іванівна")
    signers = [
        make_resident(f"signer{n}@example.org", name)
        for n, name in enumerate(["Коваль Іван Петрович", "Шевчук Марія Олегівна", "Бондар Андрій Юрійович"])
    ]

    petition = author_drafts_and_submits(page, base)
    assert petition.status == PetitionStatus.MODERATION and petition.moderation_due
    axe.check(page, "my petitions after submitting")

    moderator_publishes(browser, base, petition)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.COLLECTING and petition.threshold == 3

    # The third signature reaches the threshold.
    residents_sign(browser, base, petition, signers)
    petition.refresh_from_db()
    assert Signature.objects.filter(petition=petition).count() == petition.signature_count == 3
    assert petition.status == PetitionStatus.CONSIDERATION and petition.answer_due

    # The head answers; the public page shows it.
    head_answers(browser, base, petition)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED

    page.goto(f"{base}/peticii/{petition.pk}/")
    content = page.content()
    assert "ліхтарі встановлять до 1 березня 2027 року" in content
    assert "author@example.org" not in content
    axe.check(page, "answered petition")
    shot(page, "75-petition-answered")
    page.goto(f"{base}/peticii/{petition.pk}/pidpysanty/")
    assert all(p.full_name in page.content() for p in signers)
    axe.check(page, "signatories")
