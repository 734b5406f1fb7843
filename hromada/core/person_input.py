"""What a resident types about themselves and their request, checked the same way on every public form
and in the public API: the full name (ПІБ), the substance of the text, the phone number.

The Law on citizens' appeals (art. 5) asks for the surname, first name (and patronymic) and the
substance of the request: an appeal without them is returned unconsidered. So the portal refuses
them at once, with a message next to the field, rather than let the resident wait a month for that:

- ПІБ: at least two words (surname and first name), each of at least two letters; letters of any
  alphabet, the apostrophe (', ’, ʼ) and the hyphen only (Косач-Квітка, Кам'янська, O'Connor);
- substance: at least TEXT_MIN_CHARS characters and TEXT_MIN_WORDS words of two letters or more. The
  shortest requests a council can act on ("Не світить ліхтар", "Не вивозять сміття.") have three words
  and 15–20 characters; "а", "...", "test", "Прошу дах" or "ааааааааааааааааааааа" do not;
- phone: Ukrainian numbers in any usual spelling (+380 67 123 45 67, 067-123-45-67, (067)1234567,
  80671234567), stored as +380XXXXXXXXX; a number abroad (many residents are displaced) as + and 8–15
  digits. Letters ("abc") are refused.

Each check returns a FieldError (with the field name the caller gives) or None; messages are in the
active language (Ukrainian on the portal, English in the API when asked for it)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.core.errors import FieldError

TEXT_MIN_CHARS = 15
TEXT_MIN_WORDS = 3

_APOSTROPHES = "'’ʼ`"
_NAME_WORD = re.compile(rf"^[^\W\d_](?:[^\W\d_]|[{_APOSTROPHES}-](?=[^\W\d_]))*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PHONE_SPELLING = re.compile(r"^\+?[\d\s().-]+$")


def full_name_error(field: str, name: str) -> FieldError | None:
    """None when `name` is a surname and a first name (and maybe more) in letters; else the error."""
    words = name.split()
    if len(words) < 2:
        return FieldError(field, _("Give your surname and first name (and patronymic, if any)."), "invalid")
    for word in words:
        letters = sum(ch.isalpha() for ch in word)
        if not _NAME_WORD.match(word) or letters < 2:
            return FieldError(
                field,
                _(
                    "Write each part of the name in letters, at least two of them "
                    "(an apostrophe or a hyphen may join them): “%(word)s” is not."
                )
                % {"word": word},
                "invalid",
            )
    return None


def substance_error(field: str, text: str, *, min_chars: int = TEXT_MIN_CHARS) -> FieldError | None:
    """None when `text` states something: `min_chars` characters and TEXT_MIN_WORDS words."""
    if len(text.strip()) < min_chars:
        return FieldError(
            field,
            ngettext(
                "Describe the substance in more detail: at least %(count)s character.",
                "Describe the substance in more detail: at least %(count)s characters.",
                min_chars,
            )
            % {"count": min_chars},
            "too_short",
        )
    if len(_WORD.findall(text)) < TEXT_MIN_WORDS:
        return FieldError(
            field,
            ngettext(
                "Describe the substance in words: at least %(count)s word.",
                "Describe the substance in words: at least %(count)s words.",
                TEXT_MIN_WORDS,
            )
            % {"count": TEXT_MIN_WORDS},
            "too_short",
        )
    return None


def normal_phone(phone: str) -> str | None:
    """`phone` as +380XXXXXXXXX (or + and the digits of a number abroad); None when it is no number."""
    phone = phone.strip()
    if not _PHONE_SPELLING.match(phone):
        return None
    digits = re.sub(r"\D", "", phone)
    if phone.startswith("+") and not digits.startswith("380"):
        return f"+{digits}" if 8 <= len(digits) <= 15 else None
    if len(digits) == 12 and digits.startswith("380"):
        national = digits[3:]
    elif len(digits) == 11 and digits.startswith("80"):
        national = digits[2:]
    elif len(digits) == 10 and digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    return None if national.startswith("0") else f"+380{national}"


def phone_error(field: str, phone: str) -> FieldError | None:
    if not phone.strip() or normal_phone(phone) is not None:
        return None
    return FieldError(
        field, _("Enter a phone number in digits, e.g. 067 123 45 67 or +380 67 123 45 67."), "invalid"
    )
