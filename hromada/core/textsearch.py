"""Ukrainian text normalisation for search and duplicate detection.

Words are reduced to their dictionary form with pymorphy3's Ukrainian dictionary, so that a search for
"ліфтів" finds "ліфт". Lemmas are cached per word: appeal texts repeat the same few thousand words.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

_WORD = re.compile(r"[0-9a-zа-щьюяєіїґ']+", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


@lru_cache(maxsize=1)
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_APOSTROPHES).lower())


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    if word.isdigit() or len(word) < 3:
        return word
    parses = _morph().parse(word)
    return parses[0].normal_form if parses else word


def lemmatize(text: str) -> str:
    """Space-separated dictionary forms of the words of `text`."""
    return " ".join(lemma(w) for w in words(text))


def text_fingerprint(text: str) -> str:
    """A hash of the words of `text`, blind to case, punctuation and spacing; '' for no words."""
    found = words(text)
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
