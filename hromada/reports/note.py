"""Аналітична довідка: the appeals report as the sentences a council's quarterly note is made of.

Every sentence is a gettext message (Ukrainian by default, English on an English screen); counts go
through ngettext, so numerals agree with their nouns in Ukrainian's four plural forms: 1 звернення,
3 звернення, 5 звернень, 21 звернення; 1 питання, 5 питань. Vocabulary names (channels, topics,
results) are data and are quoted as they are, in lists "name — count (share%)".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.reference.models import ChannelGroup
from hromada.reports import rules
from hromada.reports.figures import AppealsReport, Figures, Share
from hromada.reports.periods import Period

#: How many topics the note names ("the leading topics").
LEADING_TOPICS = 3


def report_title(period: Period) -> str:
    """ "Інформація про роботу зі зверненнями громадян за I квартал 2025 року"."""
    return _("Report on the work with citizens' appeals in %(period)s") % {"period": period.phrase}


def appeals_phrase(count: int) -> str:
    """ "1 звернення", "3 звернення", "5 звернень", "21 звернення"."""
    return ngettext("%(count)s appeal", "%(count)s appeals", count) % {"count": count}


def issues_phrase(count: int) -> str:
    """ "1 питання", "5 питань"."""
    return ngettext("%(count)s issue", "%(count)s issues", count) % {"count": count}


def _listing(items: Iterable[Share], *, with_percent: bool = True) -> str:
    parts = []
    for s in items:
        if with_percent:
            parts.append(
                _("%(name)s — %(count)s (%(percent)s%%)")
                % {"name": s.name, "count": s.count, "percent": s.percent}
            )
        else:
            parts.append(_("%(name)s — %(count)s") % {"name": s.name, "count": s.count})
    return "; ".join(parts)


def _comparison(report: AppealsReport) -> str:
    current, previous = report.current.total, report.previous.total
    change = rules.Change(current, previous)
    if previous == 0:
        return _("The register holds no appeals of the same period a year earlier.")
    values = {"previous": appeals_phrase(previous), "percent": abs(change.percent or 0)}
    if change.difference > 0:
        return _("That is %(percent)s%% more than in the same period a year earlier (%(previous)s).") % values
    if change.difference < 0:
        return (
            _("That is %(percent)s%% fewer than in the same period a year earlier (%(previous)s).") % values
        )
    return _("That is as many as in the same period a year earlier.")


def _totals(report: AppealsReport) -> str:
    f = report.current
    sentences = [
        _("In %(period)s the council received %(appeals)s.")
        % {"period": f.period.phrase, "appeals": appeals_phrase(f.total)}
    ]
    if f.duplicates:
        sentences.append(
            ngettext(
                "Another %(count)s duplicate appeal was not counted again.",
                "Another %(count)s duplicate appeals were not counted again.",
                f.duplicates,
            )
            % {"count": f.duplicates}
        )
    sentences.append(_comparison(report))
    return " ".join(sentences)


def _channels(f: Figures) -> str:
    hotline = f.group(ChannelGroup.HOTLINE)
    sentences = []
    if hotline.count:
        channels = [s for s in f.channels_of_group(ChannelGroup.HOTLINE) if s.count]
        sentences.append(
            _("Of them, %(appeals)s (%(percent)s%%) came through the hotlines: %(channels)s.")
            % {
                "appeals": appeals_phrase(hotline.count),
                "percent": hotline.percent,
                "channels": _listing(channels, with_percent=False),
            }
        )
    else:
        sentences.append(_("No appeals came through the hotlines."))
    sentences.append(
        _("%(electronic)s came electronically and %(phone)s by phone.")
        % {
            "electronic": appeals_phrase(f.group(ChannelGroup.ELECTRONIC).count),
            "phone": appeals_phrase(f.group(ChannelGroup.PHONE).count),
        }
    )
    sentences.append(
        _("%(written)s came in writing and %(oral)s at personal receptions.")
        % {
            "written": appeals_phrase(f.group(ChannelGroup.WRITTEN).count),
            "oral": appeals_phrase(f.group(ChannelGroup.ORAL).count),
        }
    )
    return " ".join(sentences)


def _kinds(f: Figures) -> str:
    sentences = [_("By kind: %(kinds)s.") % {"kinds": _listing(s for s in f.by_kind if s.count)}]
    sentences.append(
        _("Collective appeals: %(collective)s, anonymous: %(anonymous)s, repeated: %(repeated)s.")
        % {"collective": f.collective, "anonymous": f.anonymous, "repeated": f.repeated}
    )
    return " ".join(sentences)


def _priority(f: Figures) -> str:
    if not f.priority:
        return _("No appeals came from citizens of priority categories.")
    return _(
        "%(appeals)s (%(percent)s%%) came from citizens of priority categories, among them: %(categories)s."
    ) % {
        "appeals": appeals_phrase(f.priority),
        "percent": rules.percent(f.priority, f.total),
        "categories": _listing((s for s in f.priority_by_category if s.count), with_percent=False),
    }


def _issues(f: Figures) -> str:
    leading = [s for s in sorted(f.by_topic, key=lambda s: -s.count) if s.count][:LEADING_TOPICS]
    sentences = [
        _("The appeals raised %(issues)s. The leading topics: %(topics)s.")
        % {"issues": issues_phrase(f.issues_total), "topics": _listing(leading)}
    ]
    results = [s for s in f.by_result if s.count]
    if results:
        sentences.append(_("Results of consideration: %(results)s.") % {"results": _listing(results)})
    if f.issues_pending:
        sentences.append(
            ngettext(
                "%(count)s issue is still under consideration.",
                "%(count)s issues are still under consideration.",
                f.issues_pending,
            )
            % {"count": f.issues_pending}
        )
    return " ".join(sentences)


def _terms(f: Figures) -> str:
    return _(
        "As of %(date)s the executors answered %(appeals)s, %(on_time)s of them on time; "
        "overdue: %(overdue)s."
    ) % {
        "date": date_format(f.as_of, "SHORT_DATE_FORMAT"),
        "appeals": appeals_phrase(f.answered),
        "on_time": f.on_time,
        "overdue": f.overdue,
    }


def appeals_note(report: AppealsReport) -> list[str]:
    """The note's paragraphs, in the order councils write them."""
    f = report.current
    if f.total == 0:
        paragraphs = [_("In %(period)s the council received no appeals.") % {"period": f.period.phrase}]
        if f.duplicates:
            paragraphs[0] += " " + (
                ngettext(
                    "Another %(count)s duplicate appeal was not counted again.",
                    "Another %(count)s duplicate appeals were not counted again.",
                    f.duplicates,
                )
                % {"count": f.duplicates}
            )
        return paragraphs
    paragraphs = [_totals(report), _channels(f), _kinds(f), _priority(f), _issues(f)]
    if f.departments:
        paragraphs.append(_terms(f))
    return paragraphs
