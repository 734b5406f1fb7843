"""What makes the demo register plausible: which department a topic goes to, when residents write
(a council year, weekdays and office hours for paper and visits, evenings and weekends only online
and on the hotlines), and summaries cut at a word. Pure functions: the invariant tests read them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hromada.core.calendar import WorkCalendar
from hromada.residents.demo import DEMO_EMAIL, DEMO_NAME

#: The demo departments a topic of the classifier may be resolved to. Communal work is split between
#: the utilities department and the two municipal enterprises by what the appeal is about.
TOPIC_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "communal": ("communal", "vodokanal", "misksvitlo"),
    "social_protection": ("social",),
    "family": ("social",),
    "labour": ("social",),
    "defence": ("social",),
    "housing": ("housing",),
    "transport": ("transport",),
    "education": ("education",),
    "youth_sport": ("education",),
    "culture": ("education",),
    "health": ("health",),
    "land": ("architecture",),
    "state_building": ("architecture",),
    "economy": ("economy",),
    "finance": ("economy",),
    "ecology": ("ecology",),
}
#: Everything else (law and order, the council's own work, central bodies, "other") goes to lawyers.
FALLBACK_DEPARTMENT = "legal"
#: Word stems that send a communal appeal to a municipal enterprise instead of the department.
ENTERPRISE_STEMS = {
    "misksvitlo": ("освітлен", "ліхтар"),
    "vodokanal": ("каналіз", "водогін", "водоканал", "без води", "стоки", "стічн", "нечистот", "колодяз"),
}

#: Channels that only bring appeals on working days in office hours (paper, visits, calls to the office).
OFFICE_CHANNELS = frozenset(
    {"post", "personal_reception", "phone", "authorities", "other_bodies", "authorized_person", "media"}
)
#: More letters in the heating season, fewer in summer (published council statistics show the same).
MONTH_WEIGHT = {1: 13, 2: 12, 3: 11, 4: 10, 5: 9, 6: 8, 7: 8, 8: 8, 9: 9, 10: 11, 11: 13, 12: 12}
#: A non-working day brings this share of a working day's online and hotline appeals.
DAY_OFF_WEIGHT = 0.3
OFFICE_HOURS: tuple[int, ...] = (8, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 14, 14, 15, 15, 16, 16, 17)
RECEPTION_HOURS: tuple[int, ...] = (9, 10, 10, 11, 11, 14, 15, 16)
ANY_HOURS: tuple[int, ...] = (7, 8, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 16, 17, 18, 19, 20, 21, 22)
HOTLINE_HOURS: tuple[int, ...] = (8, 9, 10, 10, 11, 11, 12, 13, 14, 15, 16, 17, 18, 19)

#: The demo resident as the applicant of her appeals (a woman: the name and the sex agree).
RESIDENT_PERSON: dict[str, Any] = {
    "name": DEMO_NAME,
    "address": "вул. Соборна, 12, кв. 7",
    "phone": "+380671112233",
    "email": DEMO_EMAIL,
    "sex": "female",
    "social_status": "worker",
}
#: How long ago (days) the demo resident wrote her appeals: one long closed, one recent, one fresh.
RESIDENT_AGES = (150, 26, 5)


def departments_for(topic: str) -> tuple[str, ...]:
    return TOPIC_DEPARTMENTS.get(topic, (FALLBACK_DEPARTMENT,))


def department_for(topic: str, text: str) -> str:
    """The department the head resolves an issue of this topic and text to."""
    allowed = departments_for(topic)
    low = text.lower()
    for code, stems in ENTERPRISE_STEMS.items():
        if code in allowed and any(stem in low for stem in stems):
            return code
    return allowed[0]


@dataclass(frozen=True)
class Year:
    """The council year's days with their weights, for drawing received dates."""

    office_days: list[dt.date]
    office_cum: list[float]
    any_days: list[dt.date]
    any_cum: list[float]

    @classmethod
    def ending(cls, today: dt.date, calendar: WorkCalendar) -> Year:
        days = [today - dt.timedelta(days=n) for n in range(364, -1, -1)]
        office = [d for d in days if calendar.is_working_day(d)]
        any_weights = [
            MONTH_WEIGHT[d.month] * (1.0 if calendar.is_working_day(d) else DAY_OFF_WEIGHT) for d in days
        ]
        return cls(
            office, _cumulative([MONTH_WEIGHT[d.month] for d in office]), days, _cumulative(any_weights)
        )

    def received_at(self, rng: random.Random, channel: str) -> dt.datetime:
        """A moment a resident's appeal on this channel plausibly arrived."""
        if channel in OFFICE_CHANNELS:
            day = rng.choices(self.office_days, cum_weights=self.office_cum)[0]
            hours = RECEPTION_HOURS if channel == "personal_reception" else OFFICE_HOURS
        else:
            day = rng.choices(self.any_days, cum_weights=self.any_cum)[0]
            hours = HOTLINE_HOURS if channel.endswith("hotline") else ANY_HOURS
        moment = dt.datetime.combine(day, dt.time(rng.choice(hours), rng.randrange(60)))
        return timezone.make_aware(moment)


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out
