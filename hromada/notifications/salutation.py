"""Звертання: the opening line of every letter to a person, in the vocative with the right gender.

"Бойко Ірина Степанівна" → "Шановна Ірино Степанівно!", "Петро Іванович Коваль" → "Шановний Петре
Івановичу!", "Ірина Бойко" (no patronymic) → "Шановна пані Ірино!" (the business-letter form with
пан/пані when only the first name is known).

How a name is read: the patronymic is found by its ending (-ович/-йович/-ич are a man's, -івна/-ївна/
-ична a woman's) or by pymorphy3's Ukrainian dictionary (tag Patr); the first name is the word before
the patronymic, or else the first word the dictionary knows as a first name (tag Name), so "Прізвище
Ім'я По батькові", "Ім'я По батькові Прізвище", "Ім'я Прізвище" and a name alone all work. The gender
comes from the patronymic, else from the name's dictionary entries; the vocative forms come from the
dictionary (the patronymic's by rule: -ич → -ичу, -вна → -вно). Capitalisation and the author's
apostrophe (', ’ or ʼ) are kept.

When that fails — an organisation, initials only ("Бойко І. С."), a name the dictionary does not know,
a name of either gender with no patronymic ("Саша Коваленко") — the letter opens with the neutral
"Добрий день, <ПІБ як написано>!". Why that and not "Шановний(-а) заявнику(-це)": it needs neither case
nor gender, so it is never wrong, and it still names the person instead of a role.

Only in Ukrainian: in another language the name is given as written ("Dear Бойко Ірина Степанівна,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.core.textsearch import _morph

MALE = "masc"
FEMALE = "femn"

_APOSTROPHE = re.compile("['’ʼ`‘]")
_WORD = re.compile(r"^[а-щьюяєіїґ'’ʼ`‘-]{2,}$", re.IGNORECASE)
_MALE_PATRONYMIC = re.compile(r"(ович|евич|йович|ич)$")
_FEMALE_PATRONYMIC = re.compile(r"(івна|ївна|овна|ична|инична)$")


DEAR_WOMAN = "Шановна"
DEAR_MAN = "Шановний"
DEAR_MADAM = "Шановна пані"
DEAR_SIR = "Шановний пане"
NEUTRAL_NAMED = "Добрий день, {name}!"
NEUTRAL = "Добрий день!"


@dataclass(frozen=True)
class Addressee:
    """What the salutation knows of a person: the vocative of the first name and patronymic, and the
    gender; empty when the name could not be read."""

    gender: str = ""
    name: str = ""  # vocative first name
    patronymic: str = ""  # vocative patronymic, may be empty


def salutation(full_name: str) -> str:
    """The opening line of an e-mail to `full_name` as the author wrote it, in the active language:
    Ukrainian (as every letter of the council, see notifications.services.render_email) gets
    `ukrainian_salutation`; another language the name as written."""
    if (get_language() or "uk").startswith("uk"):
        return ukrainian_salutation(full_name)
    written = " ".join((full_name or "").split())
    return _("Dear %(name)s,") % {"name": written} if written else _("Hello,")


def ukrainian_salutation(full_name: str) -> str:
    """ "Шановна Ірино Степанівно!", "Шановний пане Петре!" or the neutral "Добрий день, …!" (see the
    module's docstring). Ukrainian constants, not gettext messages, as the words of the council's
    letters (hromada.appeals.letters): the council writes in the state language."""
    written = " ".join((full_name or "").split())
    who = addressee(written)
    if not who.gender:
        return NEUTRAL_NAMED.format(name=written) if written else NEUTRAL
    if who.patronymic:
        dear = DEAR_WOMAN if who.gender == FEMALE else DEAR_MAN
        return f"{dear} {who.name} {who.patronymic}!"
    dear = DEAR_MADAM if who.gender == FEMALE else DEAR_SIR
    return f"{dear} {who.name}!"


@lru_cache(maxsize=4096)
def addressee(full_name: str) -> Addressee:
    """Read a ПІБ (see the module's docstring); Addressee() when it is not a person's name."""
    words = full_name.replace(",", " ").split()
    if not words or len(words) > 4 or not all(_WORD.match(w) for w in words):
        return Addressee()
    at = _patronymic_at(words)
    if at is not None and patronymic_gender(words[at]) in _name_genders(words[at - 1], loose=True):
        gender = patronymic_gender(words[at])
        name = _name_vocative(words[at - 1], gender, loose=True)
        patronymic = _patronymic_vocative(words[at], gender)
        return Addressee(gender=gender, name=name, patronymic=patronymic) if name else Addressee()
    # No patronymic (or a surname such as "Петрович" after a woman's name): the first name alone,
    # when the dictionary gives it one gender.
    for word in words:
        genders = _name_genders(word)
        if len(genders) == 1:
            gender = next(iter(genders))
            name = _name_vocative(word, gender)
            return Addressee(gender=gender, name=name) if name else Addressee()
        if genders:
            return Addressee()
    return Addressee()


def patronymic_gender(word: str) -> str:
    """MALE, FEMALE or '' for a word that is not a patronymic."""
    low = _plain(word)
    if _FEMALE_PATRONYMIC.search(low):
        return FEMALE
    if _MALE_PATRONYMIC.search(low):
        return MALE
    for parse in _morph().parse(low):
        if "Patr" in parse.tag and "nomn" in parse.tag:
            return FEMALE if FEMALE in parse.tag else MALE
    return ""


def _patronymic_at(words: list[str]) -> int | None:
    """Where the patronymic is: never the first word (that is the surname or the name); of three
    words any with a patronymic's ending, of two only a word the dictionary does not take for a
    surname ("Олег Петрович" is a patronymic, "Ірина Шевчук" a surname)."""
    for i in range(1, len(words)):
        if patronymic_gender(words[i]) and (len(words) >= 3 or _is_patronymic(words[i])):
            return i
    return None


def _is_patronymic(word: str) -> bool:
    """A patronymic by ending: a surname such as "Шевчук" or "Бойчич" ends in -ич too, so a word the
    dictionary knows as a surname and not as a patronymic is not one."""
    parses = _morph().parse(_plain(word))
    if any("Patr" in p.tag for p in parses):
        return True
    return not any("Surn" in p.tag for p in parses) and len(_plain(word)) > 5


def _is_name(parse: Any, *, loose: bool) -> bool:
    """A first name in the nominative from the dictionary; `loose` (before a patronymic) also takes
    a person's noun, for the few names the dictionary lacks the Name tag of ("Богдан")."""
    tag = parse.tag
    if "nomn" not in tag or not _from_dictionary(parse):
        return False
    return "Name" in tag or (loose and "NOUN" in tag and "anim" in tag and "Surn" not in tag)


def _name_genders(word: str, *, loose: bool = False) -> frozenset[str]:
    """The genders the dictionary knows `word` as a first name in the nominative (hyphenated names:
    each part)."""
    parts = _plain(word).split("-")
    found: set[str] | None = None
    for part in parts:
        genders = {
            FEMALE if FEMALE in p.tag else MALE for p in _morph().parse(part) if _is_name(p, loose=loose)
        }
        found = genders if found is None else found & genders
    return frozenset(found or ())


def _from_dictionary(parse: Any) -> bool:
    stack: tuple[Any, ...] = getattr(parse, "methods_stack", ())
    return bool(stack) and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def _name_vocative(word: str, gender: str, *, loose: bool = False) -> str:
    out = []
    for part in _plain(word).split("-"):
        parse = next(
            (p for p in _morph().parse(part) if _is_name(p, loose=loose) and gender in p.tag),
            None,
        )
        inflected = parse.inflect({"voct"}) if parse is not None else None
        if inflected is None:
            return ""
        out.append(inflected.word)
    return _like(word, "-".join(out))


def _patronymic_vocative(word: str, gender: str) -> str:
    low = _plain(word)
    if gender == FEMALE:
        vocative = low[:-1] + "о" if low.endswith("а") else low
    else:
        vocative = low + "у" if low.endswith("ч") else low
    return _like(word, vocative)


def _plain(word: str) -> str:
    return _APOSTROPHE.sub("'", word.lower())


def _like(written: str, word: str) -> str:
    """`word` with the capitals of `written` (each hyphenated part capitalised as written; a name
    written in capitals comes back capitalised, not shouted) and its apostrophe."""
    apostrophe = next((c for c in written if _APOSTROPHE.match(c)), "'")
    parts = []
    for original, part in zip(written.split("-"), word.split("-"), strict=False):
        parts.append(part[:1].upper() + part[1:] if original[:1].isupper() else part)
    return "-".join(parts).replace("'", apostrophe)
