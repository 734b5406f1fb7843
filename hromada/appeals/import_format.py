"""Формат пакета імпорту: the CSV columns a contact-center batch may carry, how a row becomes the
registration body, and the sample files built from them.

One definition serves three readers: the importer maps every row through `CSV_COLUMNS`, the staff
format page lists the very same columns (with the codes of their vocabularies), and the sample files
are written from them. A column added here is at once read, described and shown in the sample; one
missing here is read by nobody, so the description cannot drift from what the importer does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hromada.core import clock, tabular
from hromada.reference.models import AuthorCategory, Channel, Kind, ReferenceItem, Sex, SocialStatus, Topic

TEXT = "text"
DATE_TIME = "date_time"
NUMBER = "number"
FLAG = "flag"
LIST = "list"

#: What sets a flag column (any other value, or none, leaves it off).
TRUE_WORDS = ("1", "true", "так", "yes")
LIST_SEPARATOR = ";"
_SPLIT = re.compile(r"(?<!\\);")

SAMPLE_CSV_NAME = "appeals-import-sample.csv"
SAMPLE_JSONL_NAME = "appeals-import-sample.jsonl"


@dataclass(frozen=True)
class CsvColumn:
    """One column of a CSV batch: its header, where its value goes in the registration body
    ("channel", "applicants.name", "issues.topic"), and what a registrar needs to fill it in."""

    name: str
    field: str
    meaning: Promise
    shape: str = TEXT
    required: bool = False
    #: The vocabulary whose codes it takes (the format page lists the active ones).
    vocabulary: type[ReferenceItem] | None = None


CSV_COLUMNS: tuple[CsvColumn, ...] = (
    CsvColumn("channel", "channel", _("How the appeal came in."), required=True, vocabulary=Channel),
    CsvColumn(
        "received_at",
        "received_at",
        _(
            "When it came in, YYYY-MM-DDTHH:MM:SS (without an offset: Kyiv time). Empty: the moment of "
            "the import. Not in the future."
        ),
        shape=DATE_TIME,
    ),
    CsvColumn("kind", "kind", _("Proposal, application or complaint."), required=True, vocabulary=Kind),
    CsvColumn(
        "external_id",
        "external_id",
        _("The contact center's card number: a card already registered from this channel is skipped."),
    ),
    CsvColumn(
        "applicant_name",
        "applicants.name",
        _("The author's full name, surname first; required unless the appeal is anonymous."),
    ),
    CsvColumn("applicant_address", "applicants.address", _("The author's postal address.")),
    CsvColumn(
        "applicant_email",
        "applicants.email",
        _("The author's e-mail; required for the electronic channels (e-mail, website, social media)."),
    ),
    CsvColumn("applicant_phone", "applicants.phone", _("The author's phone.")),
    CsvColumn("applicant_sex", "applicants.sex", _("The author's sex."), vocabulary=Sex),
    CsvColumn(
        "applicant_social_status",
        "applicants.social_status",
        _("The author's social status."),
        vocabulary=SocialStatus,
    ),
    CsvColumn(
        "applicant_categories",
        "applicants.categories",
        _("The author's priority categories (Law art. 20): they flag the appeal."),
        shape=LIST,
        vocabulary=AuthorCategory,
    ),
    CsvColumn(
        "signatories",
        "signatories",
        _("A collective appeal: the number of people who signed it (default 1)."),
        shape=NUMBER,
    ),
    CsvColumn(
        "anonymous",
        "anonymous",
        _("An anonymous appeal: registered with the index БП and not considered (Law art. 8)."),
        shape=FLAG,
    ),
    CsvColumn(
        "signed", "signed", _("The letter is signed and dated by its author (Law art. 5)."), shape=FLAG
    ),
    CsvColumn(
        "late_registration",
        "late_registration",
        _("Confirms a late registration: a receipt date before the register's start or over a year ago."),
        shape=FLAG,
    ),
    CsvColumn(
        "issue_topics",
        "issues.topic",
        _("The topic of each issue raised, at least one."),
        shape=LIST,
        required=True,
        vocabulary=Topic,
    ),
    CsvColumn(
        "issue_texts",
        "issues.text",
        _("The text of each issue, in the order of the topics."),
        shape=LIST,
    ),
    CsvColumn("summary", "summary", _("A short summary (up to 500 characters).")),
    CsvColumn(
        "text",
        "text",
        _("The whole text of the appeal. A summary, this text or an issue text must be given."),
    ),
)

HEADER = tuple(column.name for column in CSV_COLUMNS)


def split_list(value: str) -> list[str]:
    """A list cell: parts joined by ";", a literal ";" written "\\;"."""
    return [part.replace("\\;", ";").strip() for part in _SPLIT.split(value)] if value.strip() else []


def _parsed(column: CsvColumn, value: str) -> Any:
    if column.shape == FLAG:
        return value.lower() in TRUE_WORDS
    if column.shape == LIST:
        return split_list(value)
    return value  # dates and numbers are checked by the registration schema, as from the API


def csv_row_to_body(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row → the registration body: the applicant columns form one applicant, the issue columns
    one issue per topic; empty cells are left out (the schema's defaults apply)."""
    cells = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    body: dict[str, Any] = {}
    applicant: dict[str, Any] = {}
    issues: dict[str, list[str]] = {}
    for column in CSV_COLUMNS:
        value = cells.get(column.name, "")
        if not value:
            continue
        target, _dot, part = column.field.partition(".")
        if target == "applicants":
            applicant[part] = _parsed(column, value)
        elif target == "issues":
            issues[part] = split_list(value)
        else:
            body[target] = _parsed(column, value)
    if applicant:
        body["applicants"] = [applicant]
    topics, texts = issues.get("topic", []), issues.get("text", [])
    body["issues"] = [{"topic": t, "text": texts[i] if i < len(texts) else ""} for i, t in enumerate(topics)]
    return body


# --- the sample batch ------------------------------------------------------------------------------


def _received(now: dt.datetime, hours: int) -> str:
    """A receipt time `hours` before now, but today (the register may have started today), in Kyiv
    time without an offset, as a contact center writes it."""
    local = timezone.localtime(now)
    moment = max(local - dt.timedelta(hours=hours), local.replace(hour=0, minute=0, second=0, microsecond=0))
    return moment.replace(second=0, microsecond=0, tzinfo=None).isoformat()


def sample_rows(now: dt.datetime | None = None) -> list[dict[str, str]]:
    """Three plausible cards — a Government hotline complaint of a priority author, a regional
    hotline card with two issues (and a ";" inside a text), an e-mailed proposal received "now" — with
    receipt times of today, so the sample always imports. Card numbers say ЗРАЗОК (sample)."""
    moment = now or clock.now()
    return [
        {
            "channel": "gov_hotline",
            "received_at": _received(moment, 2),
            "kind": "complaint",
            "external_id": "УКЦ-ЗРАЗОК-0001",
            "applicant_name": "Шевчук Ганна Іванівна",
            "applicant_address": "вул. Миру, 3, кв. 7",
            "applicant_phone": "+380501112233",
            "applicant_sex": "female",
            "applicant_social_status": "pensioner",
            "applicant_categories": "disability_2",
            "issue_topics": "communal",
            "issue_texts": "Третій день немає гарячої води в будинку",
            "summary": "Немає гарячої води",
        },
        {
            "channel": "regional_hotline",
            "received_at": _received(moment, 1),
            "kind": "application",
            "external_id": "РКЦ-ЗРАЗОК-0002",
            "applicant_name": "Коваль Петро Миколайович",
            "applicant_address": "вул. Садова, 12",
            "applicant_phone": "+380671234567",
            "applicant_sex": "male",
            "applicant_categories": "combatant;large_family",
            "issue_topics": "communal;transport",
            "issue_texts": "Не вивозять сміття\\; контейнери переповнені;Автобус № 5 не ходить після 20:00",
            "summary": "Сміття і автобус",
            "signed": "так",
        },
        {
            "channel": "email",
            "kind": "proposal",
            "applicant_name": "Бондаренко Олена Сергіївна",
            "applicant_email": "olena.bondarenko@example.com",
            "issue_topics": "ecology",
            "issue_texts": "Пропоную висадити дерева вздовж набережної",
            "summary": "Озеленення набережної",
        },
    ]


def sample_csv_lines(now: dt.datetime | None = None) -> Iterator[str]:
    """The sample as CSV: every column in the header, UTF-8 with a byte order mark (so a spreadsheet
    shows the Cyrillic), through the one formula-safe CSV writer."""
    rows = ([row.get(name, "") for name in HEADER] for row in sample_rows(now))
    return tabular.csv_lines(rows, HEADER, byte_order_mark=True)


def sample_jsonl(now: dt.datetime | None = None) -> str:
    """The same cards as JSON Lines: each row through the very mapping the CSV import uses."""
    return "".join(json.dumps(csv_row_to_body(row), ensure_ascii=False) + "\n" for row in sample_rows(now))
