"""The age group follows from the birth date: full years on the campaign's reference date."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from hromada.core import clock


def reference_date(school_year: int) -> dt.date:
    """The reference day (setting MM-DD, 1 September by default) of the school year's start year."""
    month, day = (int(part) for part in str(settings.HROMADA_KINDERGARTEN_REFERENCE_DAY).split("-"))
    return dt.date(school_year, month, day)


def age_group_age(birth_date: dt.date, school_year: int) -> int:
    """Full years of a child born on `birth_date` on the reference date of `school_year`."""
    ref = reference_date(school_year)
    years = ref.year - birth_date.year
    if (ref.month, ref.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


#: The usual names of the age groups of a ЗДО (full years on the reference date → name).
_TITLES = {
    0: "Перша група раннього віку — до 1 року",
    1: "Друга група раннього віку — від 1 до 2 років",
    2: "Третя група раннього віку — від 2 до 3 років",
    3: "Молодша група — від 3 до 4 років",
    4: "Середня група — від 4 до 5 років",
    5: "Старша група — від 5 до 6 років",
}


def age_group_title(age: int) -> str:
    """The group's usual Ukrainian name (shown and published when the institution set none)."""
    return _TITLES.get(age, f"Група дітей {age} років")


def current_school_year(today: dt.date | None = None) -> int:
    """The start year of the school year `today` falls in: September..December → that year, else the
    year before (5 December 2026 and 31 August 2027 → 2026)."""
    day = today or clock.today()
    return day.year if day.month >= 9 else day.year - 1


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
