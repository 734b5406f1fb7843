""" "Receptions held" in the annual summary: the personal receptions of officials (особистий прийом,
Law 393/96-ВР art. 22) and the administrative-services centre (ЦНАП) — the note's sentences, the
tables and the JSON of `hromada.receptions.selectors.summary.ReceptionsYear` (counted there)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from hromada.receptions.selectors.summary import ReceptionsYear
from hromada.reports.tables import COUNT, TEXT, Column, Table


def receptions_sentences(r: ReceptionsYear) -> list[str]:
    """Two paragraphs (personal receptions, the centre), each numeral agreeing with its noun."""
    personal = " ".join(
        [
            ngettext(
                "Officials held %(count)s day of personal reception of residents.",
                "Officials held %(count)s days of personal reception of residents.",
                r.reception_days,
            )
            % {"count": r.reception_days},
            ngettext(
                "%(count)s visitor came to a reception,",
                "%(count)s visitors came to a reception,",
                r.came,
            )
            % {"count": r.came},
            ngettext(
                "%(count)s booked visitor did not come;",
                "%(count)s booked visitors did not come;",
                r.not_came,
            )
            % {"count": r.not_came},
            ngettext(
                "%(count)s appeal made at receptions was registered.",
                "%(count)s appeals made at receptions were registered.",
                r.appeals,
            )
            % {"count": r.appeals},
        ]
    )
    centre = [
        ngettext(
            "Residents booked %(count)s visit to the administrative services centre;",
            "Residents booked %(count)s visits to the administrative services centre;",
            r.bookings,
        )
        % {"count": r.bookings},
        ngettext("%(count)s booked visit was served,", "%(count)s booked visits were served,", r.served)
        % {"count": r.served},
        ngettext(
            "%(count)s booked visitor did not come.", "%(count)s booked visitors did not come.", r.no_shows
        )
        % {"count": r.no_shows},
        ngettext(
            "%(count)s visitor of the live queue was served.",
            "%(count)s visitors of the live queue were served.",
            r.live_served,
        )
        % {"count": r.live_served},
    ]
    if r.average_wait is not None:
        centre.append(
            _("The average wait for a call was %(minutes)s min.") % {"minutes": _minutes(r.average_wait)}
        )
    return [personal, " ".join(centre)]


def _minutes(value: float | None) -> str | None:
    """One decimal, as the council's documents write numbers (5,5 in Ukrainian)."""
    if value is None:
        return None
    return number_format(Decimal(str(value)), decimal_pos=1)


def receptions_tables(r: ReceptionsYear) -> list[Table]:
    columns = [Column(pgettext("report", "Indicator"), TEXT), Column(pgettext("report", "Count"), COUNT)]
    personal = Table(
        "receptions",
        _("Personal receptions"),
        _("Personal receptions"),
        columns,
        [
            [_("Reception days held"), r.reception_days],
            [_("Visitors who came"), r.came],
            [_("Booked visitors who did not come"), r.not_came],
            [_("Appeals registered at receptions"), r.appeals],
        ],
        compact=False,
    )
    centre = Table(
        "centre",
        _("Administrative services centre"),
        _("Administrative services centre"),
        list(columns),
        [
            [_("Visits booked"), r.bookings],
            [_("Booked visits served"), r.served],
            [_("Booked visitors who did not come"), r.no_shows],
            [_("Live-queue visitors served"), r.live_served],
            [_("Average wait for a call, minutes"), _minutes(r.average_wait)],
        ],
        compact=False,
    )
    return [personal, centre]


def receptions_json(r: ReceptionsYear) -> dict[str, Any]:
    return {
        "personal": {
            "reception_days": r.reception_days,
            "came": r.came,
            "not_came": r.not_came,
            "appeals": r.appeals,
        },
        "centre": {
            "bookings": r.bookings,
            "served": r.served,
            "no_shows": r.no_shows,
            "live_served": r.live_served,
            "average_wait_minutes": r.average_wait,
        },
    }
