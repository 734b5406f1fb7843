"""«Мої петиції» and the profile in the resident's cabinet: drafts are created, edited and submitted
by their author only; another resident's draft is 404; the profile keeps the birth date and address."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.core.models import AuditEntry
from hromada.petitions import services
from hromada.petitions.models import Petition, PetitionStatus
from hromada.petitions.tests.public_support import (
    author_fixture,  # noqa: F401  (the fixture "author")
    client_of,
    make_resident,
    signer_fixture,  # noqa: F401  (the fixture "signer")
)

pytestmark = pytest.mark.django_db
NEW = "/kabinet/peticii/nova/"
MINE = "/kabinet/peticii/"
DRAFT: dict[str, Any] = {
    "title": "Зупинка біля ринку",
    "text": "Просимо встановити навіс на зупинці біля ринку.",
    "category": "transport",
}


def test_resident_creates_edits_and_submits_a_draft(author):
    client = client_of(author)
    assert client.get(NEW).status_code == 200
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    created = client.post(NEW, {**DRAFT, "attachments": [pdf]})
    assert created.status_code == 302
    petition = Petition.objects.get()
    assert created["Location"] == f"/kabinet/peticii/{petition.pk}/redaguvaty/?saved=1"
    assert (petition.status, petition.author_name) == (PetitionStatus.DRAFT, "Петренко Олена Іванівна")
    assert petition.attachments.count() == 1
    edit = client.get(created["Location"])
    assert (
        edit.status_code == 200
        and "no-store" in edit["Cache-Control"]
        and "plan.pdf" in edit.content.decode()
    )
    changed = client.post(
        f"/kabinet/peticii/{petition.pk}/redaguvaty/", {**DRAFT, "title": "Навіс на зупинці"}
    )
    assert changed.status_code == 302
    petition.refresh_from_db()
    assert petition.title == "Навіс на зупинці"
    submitted = client.post(f"/kabinet/peticii/{petition.pk}/podaty/")
    assert submitted.status_code == 302 and submitted["Location"] == "/kabinet/peticii/?submitted=1"
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.MODERATION
    listing = client.get(MINE).content.decode()
    assert "Навіс на зупинці" in listing
    # Once submitted the draft form is closed.
    assert client.get(f"/kabinet/peticii/{petition.pk}/redaguvaty/").status_code == 302


def test_draft_with_missing_fields_is_refused_with_422(author):
    response = client_of(author).post(NEW, {"title": "", "text": "", "category": ""})
    assert response.status_code == 422
    assert response.context["form"].errors
    assert not Petition.objects.exists()


def test_returned_petition_shows_the_moderators_reason(staff, author):
    draft = services.create_petition_draft(author=author, **DRAFT)
    services.submit_petition(author=author, petition_id=draft.pk)
    services.return_petition_for_edits(
        actor=staff["moderator"], petition_id=draft.pk, reason="Уточніть адресу зупинки."
    )
    client = client_of(author)
    assert "Уточніть адресу зупинки." in client.get(MINE).content.decode()
    assert (
        "Уточніть адресу зупинки." in client.get(f"/kabinet/peticii/{draft.pk}/redaguvaty/").content.decode()
    )


def test_another_residents_draft_is_404(author, signer):
    draft = services.create_petition_draft(author=author, **DRAFT)
    stranger = client_of(signer)
    assert stranger.get(f"/kabinet/peticii/{draft.pk}/redaguvaty/").status_code == 404
    assert (
        stranger.post(f"/kabinet/peticii/{draft.pk}/redaguvaty/", {**DRAFT, "title": "Моє"}).status_code
        == 404
    )
    assert stranger.post(f"/kabinet/peticii/{draft.pk}/podaty/").status_code == 404
    assert DRAFT["title"] not in stranger.get(MINE).content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.status) == (DRAFT["title"], PetitionStatus.DRAFT)


def test_cabinet_sends_anonymous_and_unconfirmed_to_sign_in(db):
    assert Client().get(MINE).status_code == 302
    assert Client().get(NEW).status_code == 302
    unconfirmed = make_resident("new@example.com", "Нова Людина", confirmed=False)
    assert client_of(unconfirmed).get(NEW).status_code == 302
    assert client_of(unconfirmed).post(NEW, DRAFT).status_code == 302
    assert not Petition.objects.exists()


def test_profile_saves_birth_date_and_address_and_audits(author):
    client = client_of(author)
    page = client.get("/kabinet/profil/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    saved = client.post("/kabinet/profil/", {"birth_date": "24.08.1991", "address": "вул. Соборна,  3"})
    assert saved.status_code == 302
    author.refresh_from_db()
    assert (author.birth_date, author.address) == (dt.date(1991, 8, 24), "вул. Соборна, 3")
    entry = AuditEntry.objects.get(action="residents.profile_updated")
    assert entry.details == {"fields": ["birth_date", "address"]}


def test_profile_refuses_future_or_malformed_birth_date_with_422(author):
    client = client_of(author)
    assert client.post("/kabinet/profil/", {"birth_date": "01.01.2030", "address": ""}).status_code == 422
    assert client.post("/kabinet/profil/", {"birth_date": "31.02.1990", "address": ""}).status_code == 422
    author.refresh_from_db()
    assert author.birth_date is None


def test_draft_is_not_saved_when_a_file_is_an_svg_named_text(author):
    svg = SimpleUploadedFile("scan.txt", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    response = client_of(author).post(NEW, {**DRAFT, "attachments": [svg]})
    assert response.status_code == 422
    assert Petition.objects.count() == 0
    errors = response.context["form"].errors["attachments"][0]
    assert "scan.txt" in errors and "розмітк" in errors


def test_draft_is_not_saved_when_a_docx_is_only_a_zip_with_word(author):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/x.bin", b"\0" * 100)
    fake = SimpleUploadedFile("zvit.docx", out.getvalue())
    response = client_of(author).post(NEW, {**DRAFT, "attachments": [fake]})
    assert response.status_code == 422
    assert Petition.objects.count() == 0
    assert "zvit.docx" in response.context["form"].errors["attachments"][0]


def test_draft_keeps_a_real_docx_when_attached(author):
    from hromada.core.tests.test_uploads import real_docx

    document = SimpleUploadedFile("zvit.docx", real_docx())
    assert client_of(author).post(NEW, {**DRAFT, "attachments": [document]}).status_code == 302
    (attachment,) = Petition.objects.get().attachments.all()
    assert attachment.content_type.endswith("wordprocessingml.document")
