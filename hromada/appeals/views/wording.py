"""How the appeal card writes single values — dates, vocabulary entries, people — shared by the card,
its action forms and its timeline, so that each is said the same way in all three."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import get_language

from hromada.accounts.models import User
from hromada.reference import selectors as ref
from hromada.reference.models import ReferenceItem


def day(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def item_name(item: ReferenceItem | None, code: str | None = None) -> str:
    """A vocabulary entry's name in the page's language (the code when the entry is gone)."""
    if item is None:
        return code or "—"
    if get_language() == "en" and item.name_en:
        return item.name_en
    return item.name


def vocab(model: type[ReferenceItem], code: str | None) -> str:
    return item_name(ref.vocabulary(model).get(code or ""), code) if code else "—"


def person(user: User | None) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.username
