"""«Діалог з громадою»: the annual summary of what the council did with residents' appeals.

It adds up what the platform keeps: appeals and e-appeals, the hotline cards, the busiest channels,
issues by topic and their results, the public questions answered (запитання до міської влади:
those whose answer was given within the year, Kyiv time — printed even when there were none), and
the e-petitions (електронні петиції) submitted, published, reaching the threshold and answered in
the year, each counted by the date of its own step, and the receptions held (personal receptions of
officials and the administrative services centre, by the visit's day: annual_receptions.py).
Counters of features that do not exist yet (open datasets) are left out — never printed as zeros —
and each feature adds its section here when it lands.

Definitions: e-appeals are the appeals sent through the website or by e-mail (E_APPEAL_CHANNELS,
Law art. 5); hotline cards are the appeals of the channel group "hotline" (the Government contact
center 1545 and the regional head's hotline). Duplicates are not counted, as in the quarterly report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from hromada.petitions import selectors as petitions
from hromada.petitions.selectors import YearCounts
from hromada.questions import selectors as questions
from hromada.receptions.selectors.summary import ReceptionsYear, receptions_year
from hromada.reference.models import ChannelGroup
from hromada.reports import periods, rules
from hromada.reports.annual_receptions import receptions_json, receptions_sentences, receptions_tables
from hromada.reports.as_docx import render_document
from hromada.reports.as_json import period_json
from hromada.reports.as_text import table_text
from hromada.reports.charts import Bar, Chart
from hromada.reports.figures import Figures, Share, analytical_queries, period_figures
from hromada.reports.note import appeals_phrase, issues_phrase
from hromada.reports.tables import COUNT, PERCENT, TEXT, Column, Table

E_APPEAL_CHANNELS = ("web", "email")
BUSIEST_CHANNELS = 5
LEADING_TOPICS = 5


@dataclass(frozen=True)
class AnnualSummary:
    year: int
    figures: Figures
    #: Public questions whose answer was given within the year (Kyiv time).
    questions_answered: int = 0
    #: E-petitions submitted, published, reaching the threshold and answered within the year.
    petitions: YearCounts = field(default_factory=YearCounts)
    #: Personal receptions and the centre's visits of the year (by the visit's day).
    receptions: ReceptionsYear = field(default_factory=ReceptionsYear)

    @property
    def total(self) -> int:
        return self.figures.total

    @property
    def e_appeals(self) -> int:
        return sum(self.figures.channel(code) for code in E_APPEAL_CHANNELS)

    @property
    def hotline_cards(self) -> int:
        return self.figures.group(ChannelGroup.HOTLINE).count

    @property
    def busiest_channels(self) -> list[Share]:
        ranked = sorted((s for s in self.figures.by_channel if s.count), key=lambda s: -s.count)
        return ranked[:BUSIEST_CHANNELS]

    @property
    def leading_topics(self) -> list[Share]:
        return sorted((s for s in self.figures.by_topic if s.count), key=lambda s: -s.count)[:LEADING_TOPICS]


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """[1 January 00:00, next 1 January 00:00) in the council's time zone (Europe/Kyiv)."""
    return (
        timezone.make_aware(dt.datetime(year, 1, 1)),
        timezone.make_aware(dt.datetime(year + 1, 1, 1)),
    )


def annual_summary(year: int, *, today: dt.date) -> AnnualSummary:
    with analytical_queries():
        figures = period_figures(periods.year(year), today=today)
        answered = questions.answered_count(*_year_bounds(year))
        petition_counts = petitions.year_counts(*_year_bounds(year))
        receptions = receptions_year(year)
    return AnnualSummary(
        year, figures, questions_answered=answered, petitions=petition_counts, receptions=receptions
    )


def annual_title(year: int) -> str:
    return _("Dialogue with the community: the year %(year)s") % {"year": year}


def _listing(items: list[Share]) -> str:
    return "; ".join(
        _("%(name)s — %(count)s (%(percent)s%%)") % {"name": s.name, "count": s.count, "percent": s.percent}
        for s in items
    )


def annual_note(summary: AnnualSummary) -> list[str]:
    f = summary.figures
    paragraphs = [
        _(
            "In %(year)s the council received %(appeals)s, of them %(e_appeals)s through the website "
            "and by e-mail."
        )
        % {
            "year": summary.year,
            "appeals": appeals_phrase(summary.total),
            "e_appeals": appeals_phrase(summary.e_appeals),
        }
    ]
    paragraphs.append(
        ngettext(
            "%(count)s hotline card of the Government and regional contact centers was processed.",
            "%(count)s hotline cards of the Government and regional contact centers were processed.",
            summary.hotline_cards,
        )
        % {"count": summary.hotline_cards}
    )
    paragraphs.append(
        ngettext(
            "The council answered %(count)s public question of residents.",
            "The council answered %(count)s public questions of residents.",
            summary.questions_answered,
        )
        % {"count": summary.questions_answered}
    )
    paragraphs.append(petitions_sentence(summary.petitions))
    paragraphs.extend(receptions_sentences(summary.receptions))
    if summary.busiest_channels:
        paragraphs.append(
            _("The busiest channels: %(channels)s.") % {"channels": _listing(summary.busiest_channels)}
        )
        paragraphs.append(
            _("The appeals raised %(issues)s. The leading topics: %(topics)s.")
            % {"issues": issues_phrase(f.issues_total), "topics": _listing(summary.leading_topics)}
        )
        results = [s for s in f.by_result if s.count]
        if results:
            paragraphs.append(_("Results of consideration: %(results)s.") % {"results": _listing(results)})
    return paragraphs


def petitions_sentence(counts: YearCounts) -> str:
    """One paragraph, each numeral agreeing with its noun (and the verb with the numeral)."""
    return " ".join(
        [
            ngettext(
                "Residents submitted %(count)s e-petition.",
                "Residents submitted %(count)s e-petitions.",
                counts.submitted,
            )
            % {"count": counts.submitted},
            ngettext(
                "%(count)s petition was published to collect signatures.",
                "%(count)s petitions were published to collect signatures.",
                counts.published,
            )
            % {"count": counts.published},
            ngettext(
                "%(count)s petition collected the signatures needed.",
                "%(count)s petitions collected the signatures needed.",
                counts.reached_threshold,
            )
            % {"count": counts.reached_threshold},
            ngettext(
                "The council answered %(count)s petition.",
                "The council answered %(count)s petitions.",
                counts.answered,
            )
            % {"count": counts.answered},
        ]
    )


def _share_table(key: str, title: str, label: str, items: list[Share], total: int, total_label: str) -> Table:
    return Table(
        key,
        title,
        title,
        [Column(label, TEXT), Column(pgettext("report", "Count"), COUNT), Column("%", PERCENT)],
        [[s.name, s.count, s.percent] for s in items],
        [total_label, total, 100 if total else 0],
    )


def annual_tables(summary: AnnualSummary) -> list[Table]:
    f = summary.figures
    overview = Table(
        "appeals",
        pgettext("report", "Appeals"),
        pgettext("report", "Appeals"),
        [
            Column(pgettext("report", "Indicator"), TEXT),
            Column(pgettext("report", "Count"), COUNT),
            Column("%", PERCENT),
        ],
        [
            [_("Appeals received"), summary.total, 100 if summary.total else 0],
            [
                _("E-appeals (website and e-mail)"),
                summary.e_appeals,
                rules.percent(summary.e_appeals, summary.total),
            ],
            [_("Hotline cards"), summary.hotline_cards, rules.percent(summary.hotline_cards, summary.total)],
        ],
    )
    results = [s for s in f.by_result if s.count]
    results_table = _share_table(
        "results",
        _("Results"),
        pgettext("report", "Result"),
        results,
        f.issues_total,
        pgettext("report", "Total issues"),
    )
    results_table.rows.append(
        [
            pgettext("report", "Under consideration"),
            f.issues_pending,
            rules.percent(f.issues_pending, f.issues_total),
        ]
    )
    return [
        overview,
        _share_table(
            "channels",
            _("Busiest channels"),
            pgettext("report", "Channel"),
            summary.busiest_channels,
            f.total,
            pgettext("report", "Total appeals"),
        ),
        _share_table(
            "topics",
            _("Issues by topic"),
            pgettext("report", "Topic"),
            [s for s in sorted(f.by_topic, key=lambda s: -s.count) if s.count],
            f.issues_total,
            pgettext("report", "Total issues"),
        ),
        results_table,
        Table(
            "questions",
            _("Public questions"),
            _("Public questions"),
            [Column(pgettext("report", "Indicator"), TEXT), Column(pgettext("report", "Count"), COUNT)],
            [[_("Public questions answered"), summary.questions_answered]],
            compact=False,
        ),
        Table(
            "petitions",
            _("E-petitions"),
            _("E-petitions"),
            [Column(pgettext("report", "Indicator"), TEXT), Column(pgettext("report", "Count"), COUNT)],
            [
                [_("Petitions submitted"), summary.petitions.submitted],
                [_("Petitions published to collect signatures"), summary.petitions.published],
                [_("Petitions that collected the signatures needed"), summary.petitions.reached_threshold],
                [_("Petitions answered"), summary.petitions.answered],
            ],
            compact=False,
        ),
        *receptions_tables(summary.receptions),
    ]


def annual_charts(summary: AnnualSummary) -> list[Chart]:
    channels = [Bar(s.name, s.count, f"{s.count} ({s.percent}%)") for s in summary.busiest_channels]
    topics = [Bar(s.name, s.count, f"{s.count} ({s.percent}%)") for s in summary.leading_topics]
    return [
        Chart("channels", _("Busiest channels"), channels, max((b.value for b in channels), default=0)),
        Chart("topics", _("Leading topics of the issues"), topics, max((b.value for b in topics), default=0)),
    ]


def annual_json(summary: AnnualSummary) -> dict[str, Any]:
    """The summary's stable JSON shape (docs/data-exchange.md, "Reports")."""
    f = summary.figures

    def shares(items: list[Share]) -> dict[str, dict[str, Any]]:
        return {s.code: {"name": s.name, "count": s.count, "percent": s.percent} for s in items}

    return {
        "year": summary.year,
        "period": period_json(f.period, f.as_of),
        "appeals": {
            "total": summary.total,
            "electronic": summary.e_appeals,
            "hotline_cards": summary.hotline_cards,
        },
        "busiest_channels": [
            {"code": s.code, "name": s.name, "count": s.count, "percent": s.percent}
            for s in summary.busiest_channels
        ],
        "issues": {
            "total": f.issues_total,
            "pending": f.issues_pending,
            "by_topic": shares(f.by_topic),
            "by_result": shares(f.by_result),
        },
        "questions": {"answered": summary.questions_answered},
        "petitions": {
            "submitted": summary.petitions.submitted,
            "published": summary.petitions.published,
            "reached_threshold": summary.petitions.reached_threshold,
            "answered": summary.petitions.answered,
        },
        "receptions": receptions_json(summary.receptions),
    }


def annual_text(summary: AnnualSummary) -> str:
    parts = [annual_title(summary.year), "", *(p + "\n" for p in annual_note(summary))]
    parts += [table_text(t) + "\n" for t in annual_tables(summary)]
    return "\n".join(parts).rstrip() + "\n"


def annual_docx(summary: AnnualSummary, *, council_name: str, now: dt.datetime | None = None) -> bytes:
    return render_document(
        title=annual_title(summary.year),
        council_name=council_name,
        paragraphs=annual_note(summary),
        tables=annual_tables(summary),
        charts=annual_charts(summary),
        now=now,
    )
