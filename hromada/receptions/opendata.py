"""Відкриті дані ЦНАП: the data set of administrative services provided, in the structure of annex 38
to the Cabinet of Ministers' resolution No. 835 (column names and order exactly as the annex's csvw
table schema: /work/shared/reference/open-data-835/annex-38-services.json).

One row per visit served: a booked visit that was served (its code is the uid, its booked time the
registration time) and a live-queue ticket served (its code, the time it was taken). A booking whose
visitor was redirected to another service counts once, as the ticket of that service. Only what the
catalogue holds is published — the service's code, name, authority and fee — never a name, a phone
or an e-mail: `applicantName` and `applicantId` (legal persons only) stay empty, as the annex allows.
CSV and JSON as the petitions' sets: the same formula-safe writer, streamed, the same content types.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hromada.core import tabular
from hromada.core.models import CouncilSettings
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    CentreService,
    QueueTicket,
    TicketStatus,
)

SERVICE_COLUMNS = [
    "uid",
    "registrationDateTime",
    "code",
    "title",
    "authorityId",
    "authorityName",
    "applicantType",
    "applicantName",
    "applicantId",
    "status",
    "providDate",
    "amount",
    "currency",
    "issuedDate",
]
#: Bookings are made by residents for themselves (the form asks for a person's name).
APPLICANT_TYPE = "Фізична особа"
#: A served visit: the administrator took the application and gave what the visit was for.
SERVED_STATUS = "Виконано"
CURRENCY = "UAH"
MINUTE = "%Y-%m-%dT%H:%M"
#: Columns of a service the set reads (and nothing of the person).
SERVICE_FIELDS = ("code", "name", "authority", "authority_code", "fee")


def served_bookings() -> QuerySet[CentreBooking]:
    """Served booked visits, in time order; those redirected count as the ticket they became."""
    return (
        CentreBooking.objects.filter(status=CentreBookingStatus.SERVED)
        .exclude(ticket__status=TicketStatus.REDIRECTED)
        .select_related("service")
        .only("code", "day", "starts", *(f"service__{f}" for f in SERVICE_FIELDS))
        .order_by("day", "starts", "pk")
    )


def served_live_tickets() -> QuerySet[QueueTicket]:
    """Served live-queue tickets (walk-ins, late bookers' and redirected visitors' new tickets)."""
    return (
        QueueTicket.objects.filter(status=TicketStatus.SERVED, booking__isnull=True)
        .select_related("service")
        .only("code", "day", "issued_at", "finished_at", *(f"service__{f}" for f in SERVICE_FIELDS))
        .order_by("issued_at", "pk")
    )


def _row(uid: str, registered: dt.datetime, provided: dt.date, service: CentreService) -> dict[str, str]:
    council = CouncilSettings.load()
    return {
        "uid": uid,
        "registrationDateTime": registered.strftime(MINUTE),
        "code": service.code,
        "title": service.name,
        # The centre's own council decides when the catalogue names no other authority.
        "authorityId": service.authority_code or council.edrpou,
        "authorityName": service.authority or council.council_name,
        "applicantType": APPLICANT_TYPE,
        "applicantName": "",
        "applicantId": "",
        "status": SERVED_STATUS,
        "providDate": provided.isoformat(),
        "amount": f"{service.fee:.2f}",
        "currency": CURRENCY,
        "issuedDate": "",
    }


def _booking_rows() -> Iterator[dict[str, str]]:
    for b in served_bookings().iterator(chunk_size=500):
        yield _row(b.code, dt.datetime.combine(b.day, b.starts), b.day, b.service)


def _ticket_rows() -> Iterator[dict[str, str]]:
    for t in served_live_tickets().iterator(chunk_size=500):
        provided = timezone.localtime(t.finished_at).date() if t.finished_at else t.day
        yield _row(t.code, timezone.localtime(t.issued_at).replace(tzinfo=None), provided, t.service)


def service_rows() -> Iterator[dict[str, str]]:
    """One dict per served visit, keys in SERVICE_COLUMNS order, oldest first."""
    return heapq.merge(_booking_rows(), _ticket_rows(), key=lambda row: row["registrationDateTime"])


def json_chunks(rows: Iterator[dict[str, str]]) -> Iterator[str]:
    """A JSON array written item by item, as the petitions' sets (memory stays flat). A candidate
    for core.tabular once a third data set needs it."""
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"


@require_GET
def services_csv(request: HttpRequest) -> StreamingHttpResponse:
    return tabular.csv_response(
        tabular.csv_lines(([row[c] for c in SERVICE_COLUMNS] for row in service_rows()), SERVICE_COLUMNS),
        "services.csv",
    )


@require_GET
def services_json(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in json_chunks(service_rows())),
        content_type="application/json; charset=utf-8",
    )
