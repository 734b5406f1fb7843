"""Ukrainian text normalisation for search and duplicate detection.

Words are reduced to their dictionary form with pymorphy3's Ukrainian dictionary, so that a search for
"ліфтів" finds "ліфт". Lemmas are cached per word: appeal texts repeat the same few thousand words.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

# Matched against lower-cased text, so no IGNORECASE (several times slower on Cyrillic). The extra
# characters are the ones IGNORECASE would also have matched (ı, ſ and old Cyrillic letter variants),
# so that words, lemmas and fingerprints stay exactly what they were.
_WORD = re.compile("[0-9a-zа-щьюяєіїґ'\u0131\u017f\u1c80-\u1c85]+")
# A regex, not str.translate: translate with a mapping costs a dict look-up for every character.
_APOSTROPHES = re.compile("[’ʼ`‘]")


@lru_cache(maxsize=1)
def _morph() -> MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def search_key(*texts: str) -> str:
    """Ключ пошуку: the texts joined, lower-cased, apostrophes unified and whitespace collapsed.

    Stored beside a public text (questions, petitions) and applied to the query too: SQLite's LIKE
    folds ASCII only, so "ЛІФТ" would not find "ліфт" there; with the key both databases agree."""
    joined = " ".join(t for t in texts if t)
    return " ".join(_APOSTROPHES.sub("'", joined).lower().split())


def words(text: str) -> list[str]:
    return _WORD.findall(_APOSTROPHES.sub("'", text.lower()))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    if word.isdigit() or len(word) < 3:
        return word
    parses = _morph().parse(word)
    return parses[0].normal_form if parses else word


def lemmatize_words(found: list[str]) -> str:
    """Space-separated dictionary forms of words already split by `words` (split once, use twice)."""
    return " ".join(map(lemma, found))


def fingerprint_words(found: list[str]) -> str:
    """A hash of words already split by `words`, blind to case, punctuation and spacing; '' for none."""
    if not found:
        return ""
    return hashlib.sha1(" ".join(found).encode()).hexdigest()


def person_name_key(name: str) -> str:
    return " ".join(words(name))


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 9 else digits  # 0671234567 and +380671234567 are one number


def address_key(address: str) -> str:
    return " ".join(words(address))
