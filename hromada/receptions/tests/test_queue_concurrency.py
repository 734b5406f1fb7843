"""The hall in a rush on PostgreSQL: tickets taken at once get distinct numbers; windows calling at
once never call the same visitor; a code checked in twice at once makes one ticket."""

from __future__ import annotations

import pytest
from django.db import connection

from hromada.accounts.models import Role, User
from hromada.receptions.models import QueueTicket, ReceptionSettings, Window
from hromada.receptions.services import queue as services
from hromada.receptions.tests.cbook_factory import NOW, TUESDAY, book, centre
from hromada.testing import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent calling needs PostgreSQL's row locks; SQLite serialises every writer",
    ),
]


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


def test_sixteen_tickets_taken_at_once_get_sixteen_numbers():
    c = centre()
    results = in_parallel(16, lambda i: services.take_ticket(service=c["extract"]))
    assert all(isinstance(r, QueueTicket) for r in results), results
    assert sorted(QueueTicket.objects.values_list("number", flat=True)) == list(range(1, 17))


def test_eight_windows_calling_at_once_never_call_the_same_ticket():
    c = centre(windows=8)
    admin = User.objects.create_user(username="cnap", password="pw", role=Role.CENTRE_ADMINISTRATOR)
    for _ in range(5):
        services.take_ticket(service=c["extract"])
    windows = list(Window.objects.order_by("number"))
    results = in_parallel(8, lambda i: services.call_next(window=windows[i], actor=admin))
    called = [r for r in results if isinstance(r, QueueTicket)]
    assert len(called) == 5 and results.count(None) == 3, results
    assert len({t.pk for t in called}) == 5
    assert QueueTicket.objects.filter(status="called").values("window").distinct().count() == 5


def test_one_code_checked_in_at_once_makes_one_ticket(settings):
    c = centre()
    booking = book(c["extract"], TUESDAY, "10:00")
    settings.HROMADA_NOW = "2026-12-08T09:55:00"
    results = in_parallel(6, lambda i: services.check_in(code=booking.code))
    assert all(isinstance(r, QueueTicket) for r in results), results
    assert len({r.pk for r in results if isinstance(r, QueueTicket)}) == 1
    assert QueueTicket.objects.count() == 1
