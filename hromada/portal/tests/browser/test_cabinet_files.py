"""The resident's own appeal in a real browser: what they sent is shown back, their file downloads
under its own name, and the page fits a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%the leaking roof\n"
EMAIL, PASSWORD = "olena@example.org", "Каштани-цвітуть-2026"


def test_resident_sees_what_they_sent_and_downloads_their_file(live_server, browser, axe, shot, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hromada.appeals.public_schemas import EAppealIn
    from hromada.appeals.services import file_e_appeal
    from hromada.portal.tests.test_cabinet import resident

    data = EAppealIn(
        name="Петренко Олена Іванівна",
        address="вул. Соборна, 5",
        email=EMAIL,
        topic="communal",
        text="Протікає дах над під'їздом №2, вода у квартирі на п'ятому поверсі.",
        consent=True,
    )
    appeal, _code = file_e_appeal(data, [SimpleUploadedFile("дах.pdf", PDF, content_type="application/pdf")])
    resident(EMAIL, "Петренко Олена Іванівна")
    base = live_server.url
    page = browser.new_context(locale="uk-UA", viewport={"width": 360, "height": 780}).new_page()
    page.goto(f"{base}/kabinet/vkhid/")
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/kabinet/")
    page.get_by_role("link", name=appeal.number).first.click()
    expect(page.get_by_role("heading", name="Що ви надіслали")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Протікає дах над під'їздом №2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page, "my appeal with files")
    shot(page, "91-phone-my-appeal-files")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="дах.pdf", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "дах.pdf"
    download.save_as(tmp_path / "saved.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == PDF
