"""Відкриті дані електронних петицій: the data sets `petitions` and `votings` in the structure of
annex 34 to the Cabinet of Ministers' resolution No. 835 (column names and order exactly as the annex's
csvw table schema: /work/shared/reference/open-data-835/annex-34-*.json).

CSV: UTF-8 without a byte-order mark, comma-separated, a header row of the annex's `name`s, written by
the one formula-safe writer (hromada.core.tabular: a text a spreadsheet would run gets an apostrophe).
JSON: a list of objects with those keys. Both are streamed: a viral petition has 100,000 signatures.
Only public petitions; signatories' names and dates only in `votings` (the law publishes them); never
an e-mail or an address.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from hromada.core import tabular
from hromada.core.models import CouncilSettings
from hromada.notifications.services import public_url
from hromada.petitions.models import Petition, PetitionStatus
from hromada.petitions.selectors import open_data_petitions, open_data_signatures, petition_uid
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

PETITION_COLUMNS = [
    "uid",
    "kind",
    "title",
    "url",
    "text",
    "authorityName",
    "authorityId",
    "authorityCattutc",
    "startDate",
    "count",
    "creator",
    "status",
    "answerDate",
    "answerUrl",
    "answerText",
]
VOTING_COLUMNS = ["motionUid", "voterName", "motionTitle", "date"]


def _authority() -> tuple[str, str, str]:
    council = CouncilSettings.load()
    # KATOTTG: CouncilSettings has no such field yet (asked of the lead); empty until it has.
    return council.council_name, council.edrpou, council.katottg


def _day(value: Any) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


def petition_rows() -> Iterator[dict[str, str]]:
    """One dict per public petition, keys in PETITION_COLUMNS order, statuses in Ukrainian."""
    name, edrpou, katottg = _authority()
    topics = ref.vocabulary(Topic)
    with translation.override("uk"):
        labels = {s.value: str(s.label) for s in PetitionStatus}
    for p in open_data_petitions().iterator(chunk_size=500):
        url = public_url(reverse("portal:petition", args=[p.pk]))
        answered = p.status == PetitionStatus.ANSWERED
        topic = topics.get(p.category_id)
        yield {
            "uid": petition_uid(p.pk, timezone.localtime(p.created_at)),
            "kind": topic.name if topic else "",
            "title": p.title,
            "url": url,
            "text": p.text,
            "authorityName": name,
            "authorityId": edrpou,
            "authorityCattutc": katottg,
            "startDate": _day(p.published_at),
            "count": str(p.signature_count + p.paper_count),
            "creator": p.author_name,
            "status": labels.get(p.status, p.status),
            "answerDate": _day(p.answered_at) if answered else "",
            "answerUrl": (p.answer_decision_url or f"{url}#answer") if answered else "",
            "answerText": p.answer_text if answered else "",
        }


def voting_rows() -> Iterator[dict[str, str]]:
    """One dict per valid signature of a public petition (the petitions are read once, up front)."""
    petitions = {
        p.pk: (petition_uid(p.pk, timezone.localtime(p.created_at)), p.title)
        for p in Petition.objects.filter(pk__in=open_data_petitions().values("pk")).only(
            "id", "title", "created_at"
        )
    }
    for petition_id, voter, signed_at in open_data_signatures():
        found = petitions.get(petition_id)
        if found is None:  # published after the petitions were read: in the next download
            continue
        uid, title = found
        yield {"motionUid": uid, "voterName": voter, "motionTitle": title, "date": _day(signed_at)}


def csv_lines(rows: Iterable[dict[str, str]], columns: list[str]) -> Iterator[str]:
    """Through the one formula-safe writer: a title `=HYPERLINK(…)` arrives as text, not a formula."""
    return tabular.csv_lines(([row[c] for c in columns] for row in rows), columns)


def json_chunks(rows: Iterable[dict[str, str]]) -> Iterator[str]:
    """A JSON array written item by item, so memory stays flat."""
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"


def _csv(rows: Iterable[dict[str, str]], columns: list[str], filename: str) -> StreamingHttpResponse:
    return tabular.csv_response(csv_lines(rows, columns), filename)


def _json(rows: Iterable[dict[str, str]]) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in json_chunks(rows)), content_type="application/json; charset=utf-8"
    )


@require_GET
def petitions_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _csv(petition_rows(), PETITION_COLUMNS, "petitions.csv")


@require_GET
def petitions_json(request: HttpRequest) -> StreamingHttpResponse:
    return _json(petition_rows())


@require_GET
def votings_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _csv(voting_rows(), VOTING_COLUMNS, "votings.csv")


@require_GET
def votings_json(request: HttpRequest) -> StreamingHttpResponse:
    return _json(voting_rows())
