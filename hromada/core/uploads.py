"""What an uploaded file really is, read from its content (never its name), for every app that takes
files (appeals' attachments, petitions' files): a renamed executable is not a "scan.pdf", a web page is
not a "letter.txt", and a zip that merely mentions `word/` is not a "zvit.docx".

- PDF, JPEG, PNG: by their signature.
- Plain text: UTF-8 without control characters, and not markup. A browser or a viewer that sniffs
  would render a `letter.txt` that starts with `<html` or `<svg` (after a byte-order mark and
  whitespace) as a page and run its script, so any text that opens with a tag, or holds one of the
  active tags (`<script`, `<svg`, `<iframe`, …) anywhere, is refused.
- DOCX: a real OOXML word container: the zip opens, `[Content_Types].xml` declares the
  wordprocessingml main document and `word/document.xml` is there (no macros).
- ODT: a real ODF package: the first entry is `mimetype`, stored uncompressed, holding the ODT type,
  and `content.xml` is there.
- Every zip is bounded before anything is unpacked: the entry count, the total unpacked size and the
  compression ratio of a large entry (settings HROMADA_UPLOAD_MAX_ENTRIES, …_MAX_UNPACKED_BYTES,
  …_MAX_RATIO). Nothing is extracted to disk: each entry is then read through once, in chunks and
  without keeping it, so that sizes the archive lies about (a bomb's trick) fail their CRC check, and
  the bound holds for what is really inside.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from hromada.core.errors import DomainError, FieldError, ValidationFailed

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CHUNK = 64 * 1024
#: A smaller entry may be packed as tightly as it likes: the ratio bound is for what could grow huge.
RATIO_CHECKED_FROM = 1024 * 1024
_CONTENT_TYPES_MAX = 1024 * 1024

_CONTROL = frozenset(chr(c) for c in (*range(9), 11, *range(14, 32), 127))
#: A text whose first character after a byte-order mark and whitespace opens a tag, a declaration or
#: a comment (`<html`, `<svg`, `<?xml`, `<!doctype`, `<!--`, `</`) is markup.
_LEADING_MARKUP = re.compile(r"[\s\ufeff]*<[a-zA-Z!?/]")
#: Tags that make a text active wherever they stand.
_ACTIVE_MARKUP = re.compile(
    r"<\s*(script|svg|html|iframe|object|embed|body|meta|foreignobject)\b|<\?xml|<!doctype", re.IGNORECASE
)


class FileRefused(DomainError):
    """The file is not one the platform accepts (or is damaged, or a bomb); `code` says which."""

    code = "type"
    status = 422


def check_upload(upload: Any, *, already: int, field: str, too_many: str, named: bool) -> str:
    """The limits every app puts on one uploaded file (size, how many the object already has, the type
    read from the content), as field errors on `field`; the content type when it passes. `too_many`
    is the app's own sentence ("A petition may have at most %(n)s files."); `named` prefixes the file's
    name to the size and type errors, for forms that take several files at once."""
    limit = settings.HROMADA_ATTACHMENT_MAX_BYTES
    prefix = f"{upload.name or 'file'}: " if named else ""
    if upload.size is None or upload.size > limit:
        message = _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        raise ValidationFailed([FieldError(field, prefix + message, "too_large")])
    if already >= settings.HROMADA_ATTACHMENT_MAX_COUNT:
        raise ValidationFailed(
            [FieldError(field, too_many % {"n": settings.HROMADA_ATTACHMENT_MAX_COUNT}, "too_many")]
        )
    try:
        return detect_content_type(upload)
    except FileRefused as refused:
        raise ValidationFailed([FieldError(field, prefix + str(refused.message), refused.code)]) from refused


def allowed_types_message() -> str:
    return _("Allowed files: PDF, JPEG, PNG, DOCX, ODT, plain text.")


def detect_content_type(file: IO[bytes]) -> str:
    """The MIME type of an allowed file, read from the whole content; FileRefused otherwise. `file` is
    read from the start and left at the start (an UploadedFile, or any seekable binary file)."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"PK\x03\x04"):
            return _document_type(file)
        if head:
            _check_plain_text(file)
            return TEXT
        raise FileRefused(allowed_types_message(), code="type")
    finally:
        file.seek(0)


# --- plain text ----------------------------------------------------------------------------------------


def _check_plain_text(file: IO[bytes]) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    tail = ""  # the end of the previous chunk, so that a tag cut in two is still seen
    first = True
    while True:
        chunk = file.read(_CHUNK)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise FileRefused(allowed_types_message(), code="type") from exc
        if any(ch in _CONTROL for ch in text):  # an ELF or any other binary
            raise FileRefused(allowed_types_message(), code="type")
        window = tail + text
        if (first and _LEADING_MARKUP.match(window)) or _ACTIVE_MARKUP.search(window):
            raise FileRefused(
                _("A text file must be plain text, not a web page or markup (HTML, SVG, XML)."),
                code="markup",
            )
        first = first and not window.strip("\ufeff \t\r\n\f")
        tail = window[-32:]
        if not chunk:
            return


# --- DOCX and ODT ------------------------------------------------------------------------------------


def _damaged() -> FileRefused:
    return FileRefused(_("The document is damaged or is not a real DOCX or ODT file."), code="damaged")


def _document_type(file: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            _check_bounds(entries)
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                content_type = _odt(archive, entries[0], names)
            elif "[Content_Types].xml" in names:
                content_type = _docx(archive, names)
            else:
                raise _damaged()
            _read_through(archive, entries)
            return content_type
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
        # RuntimeError: an encrypted entry; NotImplementedError (a RuntimeError): an unknown compression.
        raise _damaged() from exc


def _check_bounds(entries: list[zipfile.ZipInfo]) -> None:
    max_entries = settings.HROMADA_UPLOAD_MAX_ENTRIES
    if len(entries) > max_entries:
        raise FileRefused(
            _("The document holds more than %(n)s parts.") % {"n": max_entries}, code="too_many_parts"
        )
    limit = settings.HROMADA_UPLOAD_MAX_UNPACKED_BYTES
    if sum(entry.file_size for entry in entries) > limit:
        raise FileRefused(_unpacked_too_large(limit), code="unpacked_too_large")
    ratio = settings.HROMADA_UPLOAD_MAX_RATIO
    for entry in entries:
        if entry.file_size >= RATIO_CHECKED_FROM and entry.file_size > ratio * max(entry.compress_size, 1):
            raise FileRefused(
                _("The document is packed suspiciously tightly, as an archive bomb is."), code="ratio"
            )


def _unpacked_too_large(limit: int) -> str:
    return _("The document unpacks to more than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}


def _read_through(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Decompress every entry once, keeping nothing: a wrong CRC or size (a lying header) is refused,
    and so is more data than the bound, whatever the headers claim."""
    limit = settings.HROMADA_UPLOAD_MAX_UNPACKED_BYTES
    total = 0
    for entry in entries:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise FileRefused(_unpacked_too_large(limit), code="unpacked_too_large")


def _odt(archive: zipfile.ZipFile, first: zipfile.ZipInfo, names: set[str]) -> str:
    if first.compress_type != zipfile.ZIP_STORED or first.file_size > 100:
        raise _damaged()
    if archive.read(first).strip() != ODT.encode() or "content.xml" not in names:
        raise _damaged()
    return ODT


def _docx(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "word/document.xml" not in names:
        raise _damaged()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRefused(_("Documents with macros are not accepted."), code="macros")
    types = archive.getinfo("[Content_Types].xml")
    if types.file_size > _CONTENT_TYPES_MAX:
        raise _damaged()
    if _DOCX_MAIN not in archive.read(types):
        raise _damaged()
    return DOCX
