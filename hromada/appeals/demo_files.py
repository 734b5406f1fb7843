"""Файли демо-ради: some paper letters of the demo council come with the author's letter as a file, so
the card's download is there to try under `make run`. Written with python-docx (no font or image
needed on the server); stored by the same service staff use."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hromada.accounts.models import User
from hromada.appeals import services
from hromada.appeals.models import Appeal
from hromada.core.uploads import DOCX

#: The channels whose appeals arrive on paper, and the share of them filed with the letter's copy.
PAPER_CHANNELS = ("post", "personal_reception")
SHARE = 0.08


def letter_docx(appeal: Appeal, applicant: str, text: str) -> bytes:
    """The author's letter as a one-page DOCX: addressee, author, the text and the date received."""
    from docx import Document

    document = Document()
    document.add_paragraph("Міському голові")
    document.add_paragraph(applicant)
    document.add_heading("Заява", level=1)
    document.add_paragraph(text)
    document.add_paragraph(timezone.localtime(appeal.received_at).strftime("%d.%m.%Y"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def attach_letters(ids: list[int], registrar: User, rng: random.Random) -> int:
    """Attach the letter's copy to a share of the paper appeals among `ids`; how many were attached."""
    attached = 0
    rows = (
        Appeal.objects.filter(pk__in=ids, channel_id__in=PAPER_CHANNELS)
        .prefetch_related("applicants", "issues")
        .order_by("id")
    )
    for appeal in rows:
        if rng.random() >= SHARE:
            continue
        applicant = next((a.name for a in appeal.applicants.all()), "")
        text = appeal.text or "\n".join(i.text for i in appeal.issues.all())
        upload = SimpleUploadedFile(
            "Лист заявника.docx", letter_docx(appeal, applicant, text), content_type=DOCX
        )
        services.add_attachment(
            actor=registrar,
            appeal_id=appeal.pk,
            upload=upload,
            now=appeal.received_at + dt.timedelta(hours=1),
        )
        attached += 1
    return attached
