"""Код відстеження: the secret that lets the author of an e-appeal follow it without an account.

Only an HMAC of the code is stored (keyed with SECRET_KEY), so a leaked database does not reveal
codes. The code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in three
groups of four: about 59 bits, far beyond what the rate limits let anyone guess.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from hromada.appeals.models import Appeal
from hromada.appeals.selectors import search

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LENGTH = 3, 4
#: The most appeals one typed number may name (one per year of the register and spelling of the letter).
CANDIDATES = 50


def normalize_code(code: str) -> str:
    """What the author typed, as the code was issued: upper case, no spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalize_code(code).encode(), hashlib.sha256).hexdigest()


def issue_tracking_code(appeal: Appeal) -> str:
    """A new code for `appeal` (replacing any earlier one); only its hash is saved."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    code = "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))
    appeal.tracking_code_hash = _hash(code)
    appeal.save(update_fields=["tracking_code_hash"])
    return code


def find_by_tracking(number: str, code: str) -> Appeal | None:
    """The appeal with this registration number and code, or None — the same None whether the number
    or the code is wrong. The number is read as the staff search reads it (`б-2196`, a Latin `B-2196`
    and `Б 2196` are all Б-2196); of the few appeals that number may name (one per year and spelling),
    the code decides. Hashes are computed and compared even when no appeal matches."""
    candidate = _hash(code)
    parsed = search.parse_query(number)
    appeals: list[Appeal] = []
    if parsed.kind == "index":
        condition = search.index_condition(parsed.seq, parsed.prefixes, parsed.year)
        appeals = list(Appeal.objects.filter(condition).exclude(tracking_code_hash="")[:CANDIDATES])
    found = None
    options: list[Appeal | None] = [*appeals] or [None]
    for appeal in options:
        stored = appeal.tracking_code_hash if appeal is not None else "0" * 64
        if hmac.compare_digest(stored, candidate) and appeal is not None:
            found = appeal
    return found
