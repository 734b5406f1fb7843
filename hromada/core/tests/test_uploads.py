"""Uploads are what their content says: markup is not text, a zip is not a document, a bomb is refused
before it is unpacked — and real DOCX and ODT files still pass. Attacks through the real services too:
nothing is stored, the registration rolls back."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from hromada.core.uploads import DOCX, ODT, TEXT, FileRefused, detect_content_type

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")  # core may not import hromada.testing
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def real_docx(text: str = "Звіт про виконання") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb(unpacked_mb: int, *, name: str = "word/document.xml") -> bytes:
    """A DOCX-shaped zip whose main part is `unpacked_mb` MB of zeros, deflated (~1 KB per MB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open(name, "w") as part:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(zeros)
    return out.getvalue()


def refused(content: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as exc:
        detect_content_type(io.BytesIO(content))
    return exc.value


# --- what still passes -----------------------------------------------------------------------------


def test_real_docx_from_python_docx_passes_when_uploaded():
    assert detect_content_type(io.BytesIO(real_docx())) == DOCX


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (libreoffice-writer)")
def test_real_odt_written_by_libreoffice_passes_when_uploaded(tmp_path: Path):
    source = tmp_path / "zvit.docx"
    source.write_bytes(real_docx())
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert detect_content_type(io.BytesIO((tmp_path / "zvit.odt").read_bytes())) == ODT


@pytest.mark.parametrize(
    "text",
    [
        "Прошу відремонтувати ліфт. Вартість < 5000 грн, а 3 > 2.",
        "\ufeffЛист заявника\r\n\r\nз повагою",
        "a <b>bold</b> word inside is not a page",
    ],
)
def test_plain_text_passes_when_it_is_not_markup(text: str):
    assert detect_content_type(io.BytesIO(text.encode())) == TEXT


# --- the attacks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><script>alert(document.cookie)</script></body></html>",
        b"\xef\xbb\xbf \r\n\t<!DOCTYPE html><p>letter</p>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'  <?xml version="1.0"?><svg onload="alert(1)"/>',
        b"<!-- comment --><p>hi</p>",
        "Шановні!\n\n<SCRIPT src=//evil.example/x.js></SCRIPT>".encode(),
        b"text first, then " + b"x" * 70_000 + b"<svg/onload=alert(1)>",  # past the first chunk
    ],
    ids=["html", "bom-doctype", "svg-script", "xml", "comment", "script-inside", "svg-far-in"],
)
def test_markup_is_refused_when_it_comes_as_text(content: bytes):
    assert refused(content).code == "markup"


def test_zip_with_only_word_folder_is_refused_when_named_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/evil.exe", b"MZ\x90\x00")
    assert refused(out.getvalue()).code == "damaged"


def test_zip_claiming_a_workbook_is_refused_when_named_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.replace("wordprocessingml", "spreadsheetml"))
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(out.getvalue()).code == "damaged"


def test_docx_with_macros_is_refused_when_uploaded():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real_docx())) as source, zipfile.ZipFile(out, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    assert refused(out.getvalue()).code == "macros"


def test_zip_bomb_is_refused_when_it_unpacks_past_the_bound():
    bomb = zip_bomb(100)  # 100 MB of zeros
    assert len(bomb) < 200 * 1024  # it fits well under the 10 MB upload limit
    assert refused(bomb).code == "unpacked_too_large"


def test_zip_bomb_is_refused_when_it_is_packed_too_tightly():
    assert refused(zip_bomb(5)).code == "ratio"  # 5 MB, under the size bound, ~1000 times packed


def test_zip_bomb_is_refused_when_its_headers_lie_about_the_size(settings):
    settings.HROMADA_UPLOAD_MAX_RATIO = 10_000  # only the read-through is left to catch it
    bomb = bytearray(zip_bomb(5))
    # Rewrite the main part's unpacked size in the central directory to 1 KB: a reader trusting it
    # would unpack 5 MB into a 1 KB buffer.
    central = bomb.rindex(b"PK\x01\x02")
    bomb[central + 24 : central + 28] = (1024).to_bytes(4, "little")
    with zipfile.ZipFile(io.BytesIO(bytes(bomb))) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1024  # the lie is what zipfile sees
    assert refused(bytes(bomb)).code == "damaged"


def test_zip_with_too_many_entries_is_refused_when_uploaded(settings):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(settings.HROMADA_UPLOAD_MAX_ENTRIES):
            archive.writestr(f"word/media/{n}.xml", "")
    assert refused(out.getvalue()).code == "too_many_parts"


def test_odt_is_refused_when_its_mimetype_is_compressed_or_not_text():
    for compression, mimetype in [
        (zipfile.ZIP_DEFLATED, ODT),
        (zipfile.ZIP_STORED, "application/vnd.oasis.opendocument.spreadsheet"),
    ]:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=compression)
            archive.writestr("content.xml", "<office:document-content/>")
        assert refused(out.getvalue()).code == "damaged"


def test_odt_is_refused_when_it_has_no_content():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT, compress_type=zipfile.ZIP_STORED)
    assert refused(out.getvalue()).code == "damaged"
