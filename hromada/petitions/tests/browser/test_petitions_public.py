"""E-petitions in a real browser: the public list, a petition's page anonymous and signed in (signing
it), the cabinet's draft form and the profile page — axe-core on each, a screenshot of each.

Elements are found by id or form action, not by translated text, so the test reads the same before
and after the Ukrainian catalogue is compiled."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Role
from hromada.petitions import services
from hromada.petitions.models import Signature
from hromada.petitions.tests.public_support import PASSWORD, make_resident
from hromada.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_finds_signs_and_drafts_a_petition(live_server, page, axe, shot):
    base = live_server.url
    moderator = make_user("moderator", Role.MODERATOR)
    author = make_resident("author@example.org", "Петренко Олена Іванівна")
    draft = services.create_petition_draft(
        author=author,
        title="Пішохідний перехід біля школи № 5",
        text="Просимо облаштувати безпечний пішохідний перехід біля школи № 5 на вулиці Соборній.",
        category="communal",
    )
    services.submit_petition(author=author, petition_id=draft.pk)
    petition = services.publish_petition(actor=moderator, petition_id=draft.pk)
    make_resident("signer@example.org", "Коваль Іван Петрович")

    page.goto(f"{base}/peticii/")
    assert petition.title in page.content()
    axe.check(page, "petitions list")
    shot(page, "70-petitions-list")

    page.goto(f"{base}/peticii/{petition.pk}/")
    axe.check(page, "petition, anonymous")
    shot(page, "71-petition-anonymous")
    page.locator("a[href^='/kabinet/vkhid/?next=']").first.click()
    page.wait_for_load_state()
    page.locator("#id_email").fill("signer@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/peticii/{petition.pk}/")
    page.locator("#id_wants_updates").check()
    axe.check(page, "petition, signed in")
    page.locator(f"form[action='/peticii/{petition.pk}/pidpysaty/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert Signature.objects.filter(petition=petition).count() == 1
    assert page.locator(f"form[action='/peticii/{petition.pk}/vidklykaty/']").count() == 1
    axe.check(page, "petition, signed")
    shot(page, "72-petition-signed")

    page.goto(f"{base}/kabinet/peticii/nova/")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    axe.check(page, "petition draft form with errors")
    page.locator("#id_title").fill("Навіс на зупинці біля ринку")
    page.select_option("#id_category", "transport")
    page.locator("#id_text").fill("Просимо встановити навіс на зупинці громадського транспорту біля ринку.")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/redaguvaty/" in page.url
    axe.check(page, "petition draft saved")
    shot(page, "73-petition-draft")

    page.goto(f"{base}/kabinet/profil/")
    axe.check(page, "profile")
    page.locator("#id_birth_date").fill("24.08.1991")
    page.locator("#id_address").fill("вул. Соборна, 3, м. Житомир")
    page.locator("form[action='/kabinet/profil/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_birth_date").input_value() == "24.08.1991"
    axe.check(page, "profile saved")
    shot(page, "74-profile")
