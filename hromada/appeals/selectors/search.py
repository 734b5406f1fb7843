"""Пошук у реєстрі: the one search box of the staff list, and "go to number".

A clerk types whatever is at hand: the registration index as printed (`К-2194`), the number alone
(`2194`), the index typed on a Latin keyboard (`K-2194`, `k2194`), the applicant's name in any order
and in part (`Коваленко Петро`, `петро ковал`), a phone in any format (`+380671234567`,
`067 123-45-67`), an e-mail, or words of the text. `parse_query` decides which, and `find` turns it
into a condition (once per request) every path of which is an index lookup at a million appeals:

- index → `year IN (…) AND seq = n` on the unique (year, seq) index, narrowed by the letter;
- phone / e-mail → the applicants' partial indexes on `phone_key` / `email_key`;
- name → `name_key` prefix ranges of applicant_name_prefix_idx (each typed word may be the first
  one), the other words as word prefixes, each range read from the index alone; when nobody has
  that name, the lemmatised full text (GIN index).

People are found first (at most PERSON_LIMIT appeals) and their appeal ids go into the list's query,
so the list keeps its own visibility, filters, order and paging.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import reduce
from itertools import islice, permutations
from operator import or_
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.db.models.sql.compiler import SQLCompiler

from hromada.appeals.models import Appeal, Applicant
from hromada.core import clock, textsearch

#: The most appeals of the people found that go into one list: one more than the list counts
#: (HROMADA_LIST_COUNT_LIMIT), so that a common surname shows "1 000+" (a person with more is rare and the
#: list says to narrow the search).
PERSON_LIMIT = 1001
#: A phone number is searched once its significant digits are complete (phone_key keeps the last 9).
PHONE_DIGITS = 9
#: Names of up to this many words are tried in every order (3 words: 6 index ranges).
MAX_PERMUTED = 3
#: No council register holds numbers from before Ukraine's independence.
FIRST_YEAR = 1991

#: Latin letters as a clerk or a resident may type a Cyrillic index letter: the look-alike glyph
#: (B → В, as it is seen) and the national transliteration (B → Б, as it is said; KMU resolution 55).
_LATIN = {
    "A": "А",
    "B": "ВБ",
    "C": "СЦ",
    "D": "Д",
    "E": "ЕЄ",
    "F": "Ф",
    "G": "ГҐ",
    "H": "НГХ",
    "I": "ІИЇ",
    "J": "Й",
    "K": "К",
    "L": "Л",
    "M": "М",
    "N": "Н",
    "O": "О",
    "P": "РП",
    "R": "Р",
    "S": "С",
    "T": "Т",
    "U": "У",
    "V": "В",
    "X": "Х",
    "Y": "УИЙ",
    "Z": "З",
}
#: Letters, a dash, the number, and the year when the council's number format carries one (К-2194/26).
_INDEX = re.compile(r"^\s*([^\W\d_]{1,3})?\s*[-–—.№#]?\s*(\d{1,9})(?:\s*/\s*(\d{2}|\d{4}))?\s*$")
_PHONE = re.compile(r"^[\d\s()+\-.]+$")


@dataclass(frozen=True)
class ParsedQuery:
    """What was typed, as it is searched: kind is "index", "phone", "email", "name" or "" (nothing)."""

    kind: str
    seq: int = 0
    #: Each possible spelling of the index letters in Cyrillic (empty: the number alone).
    prefixes: tuple[str, ...] = ()
    key: str = ""
    words: tuple[str, ...] = ()
    year: int | None = None


def index_prefixes(letters: str) -> tuple[str, ...]:
    """Every Cyrillic spelling of typed index letters: `к` → К, `B` → В or Б, `bp` → ВР, ВП, БР, БП."""
    if not letters:
        return ()
    options = [""]
    for ch in letters.upper():
        choices = _LATIN.get(ch, ch)
        options = [o + c for o in options for c in choices]
    return tuple(dict.fromkeys(options))


def parse_query(query: str) -> ParsedQuery:
    query = query.strip()
    if not query:
        return ParsedQuery("")
    if "@" in query and " " not in query:
        return ParsedQuery("email", key=query.lower())
    digits = re.sub(r"\D", "", query)
    if _PHONE.match(query) and len(digits) >= PHONE_DIGITS:
        return ParsedQuery("phone", key=textsearch.phone_key(digits))
    index = _INDEX.match(query)
    if index:
        letters, number, year = index.groups()
        return ParsedQuery(
            "index",
            seq=int(number),
            prefixes=index_prefixes(letters or ""),
            year=(int(year) + 2000 if len(year) == 2 else int(year)) if year else None,
        )
    found = textsearch.words(query)
    return ParsedQuery("name", key=" ".join(found), words=tuple(found)) if found else ParsedQuery("")


def _years() -> list[int]:
    """Every year a register may have numbers in, as an IN list that the unique (year, seq) index
    serves with one probe per year (microseconds each); no query to find the first year."""
    # A late-December appeal is registered on the next working day, which may be next year.
    return list(range(FIRST_YEAR, clock.today().year + 2))


def index_condition(seq: int, prefixes: tuple[str, ...], year: int | None = None) -> Q:
    """The appeals numbered `seq` in `year` (any year when None), whose index starts with one of
    `prefixes` (any index when empty)."""
    condition = Q(year=year, seq=seq) if year else Q(year__in=_years(), seq=seq)
    if prefixes:
        condition &= reduce(or_, (Q(number__startswith=p) for p in prefixes))
    return condition


def name_prefix(key: str) -> Q:
    """name_key starting with `key`, through its index on both databases."""
    if connection.vendor == "postgresql":
        # LIKE 'key%' is served by the varchar_pattern_ops index Django adds for name_key.
        return Q(name_key__startswith=key)
    # SQLite's LIKE ignores case and so cannot use the index; a range on the binary order can.
    return Q(name_key__gte=key, name_key__lt=key + "\U0010ffff")


def _name_conditions(words: tuple[str, ...]) -> list[list[Q]]:
    """The name conditions to try in turn, the tightest first, each as its index ranges.

    1. The words in any order as the start of the name (`петро коваленко` → "коваленко петро…"):
       one short prefix range of the index per order, whatever the surname's frequency.
    2. Any typed word where the name starts and the others starting later words (`ковал пет`): a
       wider range (every Коваленко) filtered by the rest, read from the index alone."""
    orders = list(permutations(words)) if len(words) <= MAX_PERMUTED else [words]
    tight = [name_prefix(" ".join(order)) for order in orders]
    loose = []
    for i, first in enumerate(words):
        option = name_prefix(first)
        for j, other in enumerate(words):
            if j != i:
                option &= Q(name_key__contains=f" {other}")
        loose.append(option)
    return [tight, loose] if len(words) > 1 else [tight]


def _people(words: tuple[str, ...]) -> list[int]:
    for ranges in _name_conditions(words):
        found = _newest_appeals(ranges)
        if found:
            return found
    return []


def _newest_appeals(ranges: list[Q]) -> list[int]:
    """The newest PERSON_LIMIT appeals of the applicants in any of `ranges`, newest first. One query
    per range, merged here: each is a scan of the name index alone, where their OR is a bitmap scan
    that reads every matching applicant's row from the table."""
    if len(ranges) == 1:
        return _appeals_of(ranges[0])
    merged = heapq.merge(*(_appeals_of(r) for r in ranges), reverse=True)
    return list(islice(dict.fromkeys(merged), PERSON_LIMIT))


def _appeals_of(condition: Q) -> list[int]:
    return list(
        Applicant.objects.filter(condition)
        .order_by("-appeal_id")
        .values_list("appeal_id", flat=True)[:PERSON_LIMIT]
    )


class _FullTextMatch(Func):
    """search_vector @@ plainto_tsquery('simple', query) on PostgreSQL, where search_vector is the
    stored to_tsvector('simple', search_lemmas) with its GIN index (migration 0007; the model does
    not declare the column, SQLite has none). An expression, not raw SQL, so that the column is
    named through whatever alias the query gives the table (raw SQL naming appeals_appeal broke
    inside a subquery of the same table)."""

    arity = 2
    output_field = BooleanField()

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        lemmas, column_params = compiler.compile(self.source_expressions[0])
        vector = lemmas.replace('"search_lemmas"', '"search_vector"')
        query, query_params = compiler.compile(self.source_expressions[1])
        return f"{vector} @@ plainto_tsquery('simple'::regconfig, {query})", (*column_params, *query_params)


def text_condition(query: str) -> Q | Func | None:
    lemmas = [textsearch.lemma(w) for w in textsearch.words(query)]
    if not lemmas:
        return None
    if connection.vendor == "postgresql":
        return _FullTextMatch(F("search_lemmas"), Value(" ".join(lemmas)))
    condition = Q()
    for lemma in lemmas:
        condition &= Q(search_lemmas__contains=lemma)
    return condition


@dataclass(frozen=True)
class Found:
    """What the search box selects, worked out once per request: the list's condition (None: nothing
    searchable was typed) and whether it is a known, small set of appeals (a number, a person), which
    the list then sorts after fetching them rather than by walking an ordering index."""

    condition: Q | None = None
    bounded: bool = False


def find(query: str) -> Found:
    """The condition for what was typed; the people of a name are looked up here, once."""
    parsed = parse_query(query)
    if parsed.kind == "index":
        return Found(index_condition(parsed.seq, parsed.prefixes, parsed.year), bounded=True)
    if parsed.kind == "phone":
        return Found(Q(pk__in=_appeals_of(Q(phone_key=parsed.key) & ~Q(phone_key=""))), bounded=True)
    if parsed.kind == "email":
        return Found(Q(pk__in=_appeals_of(Q(email_key=parsed.key) & ~Q(email_key=""))), bounded=True)
    if parsed.kind == "name":
        # People first: a surname typed is the person, not every text that mentions it (the list
        # offers "search the text" then). The OR of both made PostgreSQL walk the work-list index
        # through the register (~0.5 s); each alone is an index lookup.
        people = _people(parsed.words)
        if people:
            return Found(Q(pk__in=people), bounded=True)
        text = text_condition(query)
        return Found(Q(text) if text is not None else Q(pk__in=[]))
    return Found()


def appeals_numbered(qs: QuerySet[Appeal], query: str, *, limit: int = 2) -> list[int] | None:
    """Ids of the appeals of `qs` (already narrowed to what the user may see) whose index is what
    was typed, at most `limit`; None when what was typed is not an index."""
    parsed = parse_query(query)
    if parsed.kind != "index":
        return None
    condition = index_condition(parsed.seq, parsed.prefixes, parsed.year)
    return list(qs.filter(condition).order_by("-year").values_list("pk", flat=True)[:limit])
