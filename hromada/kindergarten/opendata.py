"""Відкриті дані черги в ЗДО: the kindergarten queue in the structure of annex 42 to the Cabinet of
Ministers' resolution No. 835 (column names and order exactly as the annex's csvw table schema:
/work/shared/reference/open-data-835/annex-42-line.json).

One row per queued or served preference (one application in one institution's age group): the
application's number as `uid`, the day it was filed, its position, the child's sex (ISO/IEC 5218) and
birth YEAR, the group's name, "Так"/"Ні" for a confirmed benefit (its kind and document are not
published), the institution's name and EDRPOU code ("null" without one), the day of enrolment and
the status (Чинна / Виконана / Скасована). Never a name, a patronymic, a full birth date, a birth
certificate, a phone, an e-mail or an address: the rows come from `selectors.open_data_rows`, which
reads none of them. The whole community's set and one group's, CSV and JSON, streamed (memory stays
flat) through the same formula-safe writer as every other data set (core.tabular).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from hromada.core import tabular
from hromada.kindergarten import selectors
from hromada.kindergarten.models import AgeGroup

QUEUE_COLUMNS = [
    "uid",
    "receivedDate",
    "number",
    "gender",
    "birthDate",
    "ageGroup",
    "benefitType",
    "institutionName",
    "institutionId",
    "dateProvided",
    "status",
]
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_chunks(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A JSON array written item by item, keys in the annex's order (as the other data sets do)."""
    yield "["
    first = True
    for row in rows:
        item = {name: _json_value(row.get(name)) for name in QUEUE_COLUMNS}
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]\n"


def _rows(age_group: AgeGroup | None) -> Iterator[Mapping[str, Any]]:
    return selectors.open_data_rows(age_group=age_group)


def _csv(rows: Iterator[Mapping[str, Any]], filename: str) -> StreamingHttpResponse:
    return tabular.csv_response(
        tabular.csv_lines(([row.get(c) for c in QUEUE_COLUMNS] for row in rows), QUEUE_COLUMNS), filename
    )


def _json(rows: Iterator[Mapping[str, Any]]) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in json_chunks(rows)), content_type=JSON_CONTENT_TYPE
    )


def _group(age_group_id: int) -> AgeGroup:
    group = AgeGroup.objects.filter(pk=age_group_id, institution__active=True).first()
    if group is None:
        raise Http404("no such group")
    return group


@require_GET
def queue_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The whole community's queue (every institution and group), annex 42, CSV."""
    return _csv(_rows(None), "queue.csv")


@require_GET
def queue_json(request: HttpRequest) -> StreamingHttpResponse:
    return _json(_rows(None))


@require_GET
def group_csv(request: HttpRequest, age_group_id: int) -> StreamingHttpResponse:
    """One group's queue (the public list of /dytsadok/cherga/<id>/), annex 42, CSV."""
    group = _group(age_group_id)
    return _csv(_rows(group), f"queue-{group.pk}.csv")


@require_GET
def group_json(request: HttpRequest, age_group_id: int) -> StreamingHttpResponse:
    return _json(_rows(_group(age_group_id)))
