"""Who counts as a resident of the community and how old they are (вік, місце проживання): the rules a
domain checks before a resident may take part (petitions: who may sign). They read only the resident,
so they live below every domain."""

from __future__ import annotations

import datetime as dt
import re

from hromada.residents.models import Resident


def verified_birth_date(resident: Resident) -> tuple[dt.date, str] | None:
    """The birth date of the resident's latest verified identity (id.gov.ua) and its provider, if any."""
    row = (
        resident.identities.filter(birth_date__isnull=False)
        .order_by("-verified_at")
        .values_list("birth_date", "provider")
        .first()
    )
    return (row[0], row[1]) if row and row[0] else None


def birth_date_of(resident: Resident) -> dt.date | None:
    """A verified birth date (id.gov.ua identity) wins over the declared one."""
    verified = verified_birth_date(resident)
    return verified[0] if verified else resident.birth_date


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years on `day`. Born on 29 February: in a common year the birthday is 28 February (the
    Civil Code, art. 254: a term ending on a date the month lacks ends on the month's last day)."""
    try:
        birthday = birth.replace(year=day.year)
    except ValueError:  # 29 February in a common year
        birthday = dt.date(day.year, 2, 28)
    return day.year - birth.year - (1 if day < birthday else 0)


def lives_in_community(address: str, settlements: str) -> bool:
    """The address names one of the settlements (one per line): case-insensitive, a whole word."""
    address = address.lower()
    for name in settlements.splitlines():
        name = name.strip().lower()
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", address):
            return True
    return False
