"""Лист-відповідь: the answer to an appeal as the council's official letter, for print and as DOCX.

The words of the letter are Ukrainian constants here, not gettext messages: a local self-government
body writes to a citizen in the state language (Law No. 2704-VIII) whatever language the clerk's
screen speaks, and the notice on appealing a refusal quotes Law No. 393/96-ВР art. 16 word for word.
The page around the letter (buttons, explanations) is translated as usual.

Plain functions: `letter_appeal` reads what the letter needs in a fixed number of queries,
`letter_state` says which letter (if any) the appeal has, `build_letter` lays out its content once for
both the page and the document, `render_docx` writes the document in memory (`document`).
"""

from hromada.appeals.letters.content import (
    ANONYMOUS,
    DRAFT,
    FINAL,
    MISSING,
    PRINTABLE,
    Letter,
    build_letter,
    can_view_letter,
    letter_appeal,
    letter_state,
)
from hromada.appeals.letters.document import (
    DOCX_CONTENT_TYPE,
    content_disposition,
    docx_filename,
    render_docx,
    transliterate,
)

__all__ = [
    "ANONYMOUS",
    "DOCX_CONTENT_TYPE",
    "DRAFT",
    "FINAL",
    "MISSING",
    "PRINTABLE",
    "Letter",
    "build_letter",
    "can_view_letter",
    "content_disposition",
    "docx_filename",
    "letter_appeal",
    "letter_state",
    "render_docx",
    "transliterate",
]
