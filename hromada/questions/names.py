"""Ініціали автора: the only trace of a question's author that the public site shows."""

from __future__ import annotations

import re

#: Hyphens and dashes that join a double surname ("Нечуй-Левицький").
_JOINERS = re.compile("[-\u2010\u2011\u2012\u2013\u2014]")


def initials(full_name: str) -> str:
    """ "Коваленко Іван Петрович" → "К. І. П.": the first letter of each word, upper-cased, with a
    dot; a double surname keeps its hyphen ("Нечуй-Левицький" → "Н.-Л."); apostrophes and other
    marks before a letter are skipped ("О'Коннор" → "О."); extra spaces are ignored."""
    words = []
    for word in full_name.split():
        letters = [
            first.upper() + "."
            for part in _JOINERS.split(word)
            if (first := next((ch for ch in part if ch.isalpha()), None))
        ]
        if letters:
            words.append("-".join(letters))
    return " ".join(words)
