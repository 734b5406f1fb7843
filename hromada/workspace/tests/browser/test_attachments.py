"""An appeal's files in a real browser: the executor downloads the scan from the card (the browser
saves it under its Cyrillic name), opens the photo in a new tab, and an executor of another department
who types the address gets the 404 page, not the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hromada.accounts.demo import ensure_staff
from hromada.workspace.tests.browser.test_pages_accessible import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%scan of the letter\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_executor_downloads_and_previews_the_files_and_another_department_cannot(
    live_server, page, browser, axe, shot, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hromada.appeals import services
    from hromada.appeals.schemas import AppealRegisterIn
    from hromada.testing import appeal_body

    users = ensure_staff()
    appeal = services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=users["registrar"]
    )
    executor, other = [u for u in users.values() if u.role == "executor"][:2]
    assert executor.department is not None
    services.resolve_appeal(
        actor=users["head"], appeal_id=appeal.pk, lead_department=executor.department.code, term="15d"
    )
    scan = services.add_attachment(
        actor=users["registrar"],
        appeal_id=appeal.pk,
        upload=SimpleUploadedFile("скан листа.pdf", PDF, content_type="application/pdf"),
    )
    photo = services.add_attachment(
        actor=users["registrar"],
        appeal_id=appeal.pk,
        upload=SimpleUploadedFile("фото.png", PNG, content_type="image/png"),
    )
    base = live_server.url
    sign_in(page, base, executor.username)
    page.goto(f"{base}/staff/appeals/{appeal.pk}/")
    axe.check(page, "card with files")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="скан листа.pdf", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "скан листа.pdf"
    saved = tmp_path / "saved.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == PDF
    with page.context.expect_page() as tab_info:
        page.get_by_role("link", name="переглянути фото.png").click()
    tab = tab_info.value
    tab.wait_for_load_state()
    assert tab.url.endswith(f"/files/{photo.pk}/view/")
    assert tab.evaluate("document.images.length && document.images[0].naturalWidth") == 1
    tab.close()
    shot(page, "40-card-files")

    stranger = browser.new_context(locale="uk-UA").new_page()
    sign_in(stranger, base, other.username)
    answer = stranger.goto(f"{base}/staff/appeals/{appeal.pk}/files/{scan.pk}/")
    assert answer is not None and answer.status == 404
    expect(stranger.locator("body")).not_to_contain_text("scan of the letter")
