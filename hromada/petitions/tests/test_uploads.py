"""A refused file refuses the whole step and leaves no file behind: the good file stored before it is
removed again with the rolled-back rows (core/files.py, atomic_with_files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.core.errors import ValidationFailed
from hromada.petitions import services
from hromada.petitions.models import PetitionAttachment


def _files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _good_and_refused() -> list[SimpleUploadedFile]:
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%plan\n", content_type="application/pdf")
    refused = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")
    return [good, refused]


def test_a_draft_with_a_refused_file_leaves_no_file(author):
    with pytest.raises(ValidationFailed):
        services.create_petition_draft(
            author=author, title="План", text="Текст", category="transport", uploads=_good_and_refused()
        )
    assert _files() == []
    assert not PetitionAttachment.objects.exists()


def test_an_edit_with_a_refused_file_leaves_no_new_file(author):
    petition = services.create_petition_draft(author=author, title="План", text="Текст", category="transport")
    with pytest.raises(ValidationFailed):
        services.update_petition_draft(
            author=author,
            petition_id=petition.pk,
            title="План 2",
            text="Текст 2",
            category="transport",
            uploads=_good_and_refused(),
        )
    assert _files() == []
    petition.refresh_from_db()
    assert petition.title == "План" and not petition.attachments.exists()
