"""Attachments: checked by content, size and count; nothing stored when refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.appeals import services
from hromada.appeals.models import Attachment
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.errors import ValidationFailed
from hromada.core.uploads import FileRefused, detect_content_type
from hromada.testing import appeal_body, kyiv


@pytest.fixture
def appeal(staff):
    return services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=staff["registrar"], now=kyiv(2026, 11, 20, 12)
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("Звернення щодо ліфта".encode(), "text/plain"),
    ],
)
def test_type_is_read_from_content(content, expected):
    assert detect_content_type(io.BytesIO(content)) == expected


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00", b"PK\x03\x04random.zip", b""],  # an executable, a broken zip, nothing
)
def test_type_is_refused_when_the_content_is_not_an_allowed_file(content):
    with pytest.raises(FileRefused):
        detect_content_type(io.BytesIO(content))


def test_pdf_is_attached_with_an_event(staff, appeal):
    upload = SimpleUploadedFile("скан.pdf", b"%PDF-1.4\n%...\n", content_type="application/pdf")
    attachment = services.add_attachment(actor=staff["registrar"], appeal_id=appeal.pk, upload=upload)
    assert attachment.content_type == "application/pdf" and attachment.size == upload.size
    assert appeal.events.filter(action="attachment").exists()


def test_renamed_executable_is_refused(staff, appeal):
    upload = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    with pytest.raises(ValidationFailed) as exc:
        services.add_attachment(actor=staff["registrar"], appeal_id=appeal.pk, upload=upload)
    assert exc.value.errors[0].field == "file" and "PDF" in exc.value.errors[0].message
    assert not Attachment.objects.exists()


def test_too_large_and_too_many_files_are_refused(staff, appeal, settings):
    settings.HROMADA_ATTACHMENT_MAX_BYTES = 1024
    settings.HROMADA_ATTACHMENT_MAX_COUNT = 1
    big = SimpleUploadedFile("big.txt", b"a" * 2048)
    with pytest.raises(ValidationFailed, match="МБ"):
        services.add_attachment(actor=staff["registrar"], appeal_id=appeal.pk, upload=big)
    services.add_attachment(
        actor=staff["registrar"], appeal_id=appeal.pk, upload=SimpleUploadedFile("a.txt", b"ok")
    )
    with pytest.raises(ValidationFailed, match="1"):
        services.add_attachment(
            actor=staff["registrar"], appeal_id=appeal.pk, upload=SimpleUploadedFile("b.txt", b"ok")
        )
    assert Attachment.objects.count() == 1


def test_upload_through_the_api(api, appeal):
    client = api("registrar")
    response = client.client.post(
        f"/api/v1/appeals/{appeal.pk}/attachments",
        {"file": SimpleUploadedFile("лист.pdf", b"%PDF-1.4\n")},
        headers=client.headers,
    )
    assert response.status_code == 201, response.content
    bad = client.client.post(
        f"/api/v1/appeals/{appeal.pk}/attachments",
        {"file": SimpleUploadedFile("x.pdf", b"\x7fELF\x02\x01")},
        headers=client.headers,
    )
    assert bad.status_code == 422 and bad.json()[0]["field"] == "file"


def test_html_named_letter_txt_is_refused_on_its_field_when_sent_to_the_api(api, appeal):
    client = api("registrar")
    html = SimpleUploadedFile("letter.txt", b"<!doctype html><html><script>alert(1)</script></html>")
    url = f"/api/v1/appeals/{appeal.pk}/attachments"
    response = client.client.post(url, {"file": html}, headers=client.headers)
    assert response.status_code == 422
    (error,) = response.json()
    assert error["field"] == "file" and error["code"] == "markup"
    assert not Attachment.objects.exists()


def test_zip_bomb_named_docx_is_refused_and_not_stored_when_attached(staff, appeal, settings):
    from hromada.core.tests.test_uploads import zip_bomb

    upload = SimpleUploadedFile("zvit.docx", zip_bomb(100))
    with pytest.raises(ValidationFailed) as exc:
        services.add_attachment(actor=staff["registrar"], appeal_id=appeal.pk, upload=upload)
    assert exc.value.errors[0].field == "file" and exc.value.errors[0].code == "unpacked_too_large"
    assert not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
