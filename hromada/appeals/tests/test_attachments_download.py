"""An appeal's files opened by staff and through the API: for every role that may see the appeal,
404 for everyone else, the type decides inline or download, and each open is an audited read."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.appeals import services
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.models import AuditEntry
from hromada.testing import appeal_body, kyiv

PDF = b"%PDF-1.4\n%evidence of the broken lift\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TEXT = "Лист мешканців будинку".encode()


@pytest.fixture
def appeal(staff):
    """An appeal given to the communal department, with a PDF, a PNG and a text file."""
    appeal = services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=staff["registrar"], now=kyiv(2026, 11, 20, 12)
    )
    services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        term="15d",
        now=kyiv(2026, 11, 20, 13),
    )
    files = {}
    for name, content, kind in (
        ("скан листа.pdf", PDF, "application/pdf"),
        ("фото.png", PNG, "image/png"),
        ("лист.txt", TEXT, "text/plain"),
    ):
        upload = SimpleUploadedFile(name, content, content_type=kind)
        files[kind] = services.add_attachment(actor=staff["registrar"], appeal_id=appeal.pk, upload=upload)
    appeal.files = files  # type: ignore[attr-defined]  # the test's own handle on them
    return appeal


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("who", ["registrar", "head", "controller", "executor_communal"])
def test_every_role_that_sees_the_appeal_downloads_its_file_and_the_read_is_audited(staff, appeal, who):
    pdf = appeal.files["application/pdf"]
    response = _client(staff[who]).get(f"/staff/appeals/{appeal.pk}/files/{pdf.pk}/")
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert (
        disposition.startswith("attachment;") and f"filename*=utf-8''{quote('скан листа.pdf')}" in disposition
    )
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="appeals.read", details__page="attachment", actor=staff[who])
    assert entry.object_id == str(appeal.pk) and entry.details["attachment"] == pdf.pk


@pytest.mark.parametrize("who", ["executor_social", "moderator", "administrator", "nobody"])
def test_a_role_or_department_that_may_not_see_the_appeal_gets_404_or_403_and_nothing_is_audited(
    staff, appeal, who
):
    pdf = appeal.files["application/pdf"]
    for suffix in ("", "view/"):
        response = _client(staff[who]).get(f"/staff/appeals/{appeal.pk}/files/{pdf.pk}/{suffix}")
        assert response.status_code in (403, 404)
        assert b"%PDF" not in response.content
    assert not AuditEntry.objects.filter(details__page="attachment").exists()


def test_a_file_of_another_appeal_is_not_reached_through_this_appeals_address(staff, appeal):
    other = services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=staff["registrar"], now=kyiv(2026, 11, 21, 12)
    )
    pdf = appeal.files["application/pdf"]
    head = _client(staff["head"])
    assert head.get(f"/staff/appeals/{other.pk}/files/{pdf.pk}/").status_code == 404
    assert head.get(f"/staff/appeals/{appeal.pk}/files/999999/").status_code == 404


def test_anonymous_is_sent_to_sign_in(appeal):
    pdf = appeal.files["application/pdf"]
    response = Client().get(f"/staff/appeals/{appeal.pk}/files/{pdf.pk}/")
    assert response.status_code == 302 and "next=" in response["Location"]


def test_pdf_and_image_are_previewed_inline_in_a_policy_without_script_and_text_stays_a_download(
    staff, appeal
):
    head = _client(staff["head"])
    pdf = head.get(f"/staff/appeals/{appeal.pk}/files/{appeal.files['application/pdf'].pk}/view/")
    assert (
        pdf["Content-Disposition"].startswith("inline;")
        and "script-src" not in pdf["Content-Security-Policy"]
    )
    assert "default-src 'none'" in pdf["Content-Security-Policy"]
    png = head.get(f"/staff/appeals/{appeal.pk}/files/{appeal.files['image/png'].pk}/view/")
    assert png["Content-Disposition"].startswith("inline;") and png["Content-Security-Policy"].startswith(
        "sandbox"
    )
    text = head.get(f"/staff/appeals/{appeal.pk}/files/{appeal.files['text/plain'].pk}/view/")
    assert text["Content-Disposition"].startswith("attachment;") and _body(text) == TEXT


def test_the_card_links_each_file_and_a_preview_only_for_pdf_and_images(staff, appeal):
    page = _client(staff["executor_communal"]).get(f"/staff/appeals/{appeal.pk}/").content.decode()
    for item in appeal.files.values():
        assert f'href="/staff/appeals/{appeal.pk}/files/{item.pk}/"' in page
    assert f"/files/{appeal.files['application/pdf'].pk}/view/" in page
    assert f"/files/{appeal.files['image/png'].pk}/view/" in page
    assert f"/files/{appeal.files['text/plain'].pk}/view/" not in page
    assert "переглянути" in page


def test_api_lists_and_serves_the_files_to_whoever_sees_the_appeal(api, appeal):
    listed = api("executor_communal").get(f"/appeals/{appeal.pk}/attachments")
    assert listed.status_code == 200
    rows = {r["content_type"]: r for r in listed.json()}
    assert rows["application/pdf"]["previewable"] and not rows["text/plain"]["previewable"]
    assert rows["application/pdf"]["name"] == "скан листа.pdf"
    response = api("executor_communal").get(rows["application/pdf"]["url"].split("/api/v1", 1)[1])
    assert response.status_code == 200 and _body(response) == PDF
    assert (
        AuditEntry.objects.filter(
            details__page="api", details__attachment=rows["application/pdf"]["id"]
        ).count()
        == 1
    )


def test_api_refuses_the_files_to_another_department_and_to_no_token(api, appeal):
    pdf = appeal.files["application/pdf"]
    assert api("executor_social").get(f"/appeals/{appeal.pk}/attachments").status_code == 404
    assert api("executor_social").get(f"/appeals/{appeal.pk}/attachments/{pdf.pk}").status_code == 404
    assert api(None).get(f"/appeals/{appeal.pk}/attachments/{pdf.pk}").status_code == 401
    assert not AuditEntry.objects.filter(details__page="api").exists()
