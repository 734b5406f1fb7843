"""Ключ пошуку: the lower-cased form of a text that the public search compares.

SQLite's LIKE folds the case of ASCII letters only, so "ЛІФТ" would not find "ліфт" there; the
services store this key beside the text and the search lower-cases the query the same way, which
gives the same case-insensitive results on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

# Typographic apostrophes all count as the plain one: "м’ясо" finds "м'ясо".
_APOSTROPHES = re.compile("[’ʼ`‘]")


def search_key(*texts: str) -> str:
    """The texts joined, lower-cased, apostrophes unified and whitespace collapsed."""
    joined = " ".join(t for t in texts if t)
    return " ".join(_APOSTROPHES.sub("'", joined).lower().split())
