"""The public booking pages of the ЦНАП (cnap/): catalogue, a service's days and times, booking with
its refusals (409 taken or limited, 422 fields), the confirmation, cancelling, finding by code+phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hromada.accounts.models import User
from hromada.receptions import centre_slots
from hromada.receptions.models import CentreBooking, CentreBookingStatus, ReceptionSettings, SlotClaim
from hromada.receptions.tests.cbook_factory import LAST_DAY, NOW, SATURDAY, TUESDAY, book, centre
from hromada.residents.models import Resident

pytestmark = pytest.mark.django_db

WEDNESDAY = TUESDAY + dt.timedelta(days=1)
PERSON = {"full_name": "Олена Коваль", "phone": "+38 (067) 123-45-67", "email": "olena@example.org"}


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


@pytest.fixture
def c():
    return centre()


def _page(service_id: int) -> str:
    return reverse("portal:centre-service", args=[service_id])


def _post(client: Client, service_id: int, slot: str, **fields: str):
    return client.post(_page(service_id), {"slot": slot, **PERSON, **fields})


def test_the_catalogue_lists_groups_and_the_search_filters_by_name(c):
    response = Client().get("/cnap/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Паспорти" in body and "Довідки" in body
    assert _page(c["passport"].pk) in body and _page(c["extract"].pk) in body
    assert "/cnap/open-data/services.csv" in body and "/cnap/open-data/services.json" in body
    assert reverse("portal:centre-hall") in body and reverse("portal:centre-ahead") in body
    found = Client().get("/cnap/", {"q": "паспорт"}).content.decode()
    assert "Паспорт громадянина України" in found and _page(c["extract"].pk) not in found


def test_the_service_page_shows_documents_days_and_free_times(c):
    response = Client().get(_page(c["passport"].pk), {"day": TUESDAY.isoformat()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Свідоцтво" in body and "?day=2026-12-08" in body and "?day=2026-12-28" in body
    assert 'value="2026-12-08T09:00"' in body and 'value="2026-12-08T12:30"' in body
    assert 'value="2026-12-08T12:45"' not in body  # a 30-minute visit does not fit before the break
    assert "?day=2026-12-12" not in body  # Saturday
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_without_a_day_the_first_open_day_is_shown(c):
    body = Client().get(_page(c["extract"].pk)).content.decode()
    assert 'value="2026-12-07T09:15"' in body and 'value="2026-12-07T09:00"' not in body  # after 09:00 now


@pytest.mark.parametrize(
    ("day", "status", "said"),
    [
        ("2026-12-29", 200, ["29.12.2026", "08.12.2026", "08:00"]),  # not yet open: opens tomorrow at 08:00
        ("2027-03-01", 200, ["01.03.2027"]),
        ("2026-12-01", 200, ["01.12.2026"]),  # passed
        (SATURDAY.isoformat(), 200, ["12.12.2026"]),
        ("2027-01-01", 200, ["01.01.2027"]),  # beyond the horizon
        ("not-a-day", 400, []),
        ("2026-02-30", 400, []),
    ],
)
def test_a_day_that_is_not_open_is_explained_never_500(c, day, status, said):
    response = Client().get(_page(c["passport"].pk), {"day": day})
    body = response.content.decode()
    assert response.status_code == status
    assert 'name="slot"' not in body
    assert all(text in body for text in said)


def test_an_anonymous_resident_books_and_gets_the_confirmation(c):
    response = _post(Client(), c["passport"].pk, "2026-12-08T09:00")
    booking = CentreBooking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:centre-booking", args=[booking.token])
    assert (booking.day, booking.starts, booking.full_name) == (TUESDAY, dt.time(9), "Олена Коваль")
    assert booking.resident is None
    page = Client().get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert booking.code in body and "08.12.2026" in body and "09:00" in body and "Свідоцтво" in body
    assert "data-print" in body and "js/print.js" in body
    assert reverse("portal:centre-cancel", args=[booking.token]) in body


def test_bookings_are_rate_limited_per_browser_and_e_mail(c, settings):
    settings.HROMADA_PORTAL_BOOKING_LIMIT = 1
    client = Client()
    assert _post(client, c["passport"].pk, "2026-12-08T09:00").status_code == 302
    again = _post(client, c["passport"].pk, "2026-12-08T10:00", email="other@example.org")
    assert again.status_code == 429 and "спроб" in again.content.decode().lower()
    same_mail = _post(Client(), c["passport"].pk, "2026-12-08T10:00")
    assert same_mail.status_code == 429
    assert CentreBooking.objects.count() == 1


def _resident() -> Resident:
    user = User.objects.create_user(username="olena", password="pw")
    return Resident.objects.create(
        user=user, full_name="Коваль Олена Петрівна", email="koval@example.org", created_at=timezone.now()
    )


def test_a_signed_in_resident_finds_the_form_filled_and_the_booking_is_theirs(c):
    resident = _resident()
    client = Client()
    client.force_login(resident.user)
    body = client.get(_page(c["extract"].pk), {"day": WEDNESDAY.isoformat()}).content.decode()
    assert 'value="Коваль Олена Петрівна"' in body and 'value="koval@example.org"' in body
    fields = {"full_name": resident.full_name, "email": resident.email, "phone": ""}
    response = client.post(_page(c["extract"].pk), {"slot": "2026-12-09T10:00", **fields})
    assert response.status_code == 302
    assert CentreBooking.objects.get().resident == resident


def test_a_taken_time_is_409_with_the_next_free_times_offered(c):
    book(c["passport"], TUESDAY, "09:00", who="first@example.org")
    response = _post(Client(), c["passport"].pk, "2026-12-08T09:00")
    body = response.content.decode()
    assert response.status_code == 409
    assert re.findall(r'name="slot"[^>]*value="([^"]+)"', body) == [
        "2026-12-08T09:30",
        "2026-12-08T09:45",
        "2026-12-08T10:00",
    ]
    assert "08.12.2026 09:30" in body and 'value="Олена Коваль"' in body
    assert CentreBooking.objects.count() == 1
    taken = _post(Client(), c["passport"].pk, "2026-12-08T09:30")
    assert taken.status_code == 302 and CentreBooking.objects.count() == 2


def test_the_active_bookings_limit_is_409_and_books_nothing(c):
    for starts in ("09:00", "10:00", "11:00"):
        book(c["extract"], TUESDAY, starts, who=PERSON["email"])
    response = _post(Client(), c["extract"].pk, "2026-12-08T14:00")
    assert response.status_code == 409
    assert 'class="form-errors"' in response.content.decode()
    assert CentreBooking.objects.count() == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"slot": "2026-12-08T09:00", "full_name": " ", "phone": "", "email": ""}, "full_name"),
        ({"slot": "2026-12-08T09:00", "full_name": "Іван", "phone": "", "email": "not-an-email"}, "email"),
        ({"slot": "2026-12-08T09:00", "full_name": "Іван", "phone": "12", "email": ""}, "phone"),
        ({"slot": "", "full_name": "Іван", "phone": "", "email": "ivan@example.org"}, "slot"),
        ({"slot": "tomorrow", "full_name": "Іван", "phone": "", "email": "ivan@example.org"}, "slot"),
        ({"slot": "2026-12-08T08:45", "full_name": "Іван", "phone": "", "email": "ivan@example.org"}, "slot"),
        ({"slot": "2026-12-12T09:00", "full_name": "Іван", "phone": "", "email": "ivan@example.org"}, "slot"),
    ],
)
def test_bad_fields_are_422_with_the_error_at_the_field(c, data, field):
    response = Client().post(_page(c["extract"].pk), data)
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode() or (
        field == "slot" and 'class="field-error"' in response.content.decode()
    )
    assert CentreBooking.objects.count() == 0


def test_a_service_not_booked_online_or_inactive_is_404(c):
    c["passport"].is_bookable = False
    c["passport"].save()
    c["extract"].is_active = False
    c["extract"].save()
    for service in (c["passport"], c["extract"]):
        assert Client().get(_page(service.pk)).status_code == 404
        assert _post(Client(), service.pk, "2026-12-08T09:00").status_code == 404
    assert Client().get(_page(999_999)).status_code == 404


def test_cancelling_asks_then_frees_the_time(c):
    booking = book(c["passport"], TUESDAY, "09:00")
    url = reverse("portal:centre-cancel", args=[booking.token])
    asked = Client().get(url)
    assert asked.status_code == 200 and 'method="post"' in asked.content.decode()
    assert CentreBooking.objects.get().status == CentreBookingStatus.BOOKED
    response = Client().post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:centre-booking", args=[booking.token])
    booking.refresh_from_db()
    assert booking.status == CentreBookingStatus.CANCELLED and SlotClaim.objects.count() == 0
    assert dt.time(9) in [s.starts for s in centre_slots.free_slots(c["passport"], TUESDAY)]
    page = Client().get(response["Location"]).content.decode()
    assert booking.code in page and reverse("portal:centre-cancel", args=[booking.token]) not in page
    assert Client().post(url).status_code == 409


def test_a_bad_token_is_404(c):
    for name in ("portal:centre-booking", "portal:centre-cancel"):
        assert Client().get(reverse(name, args=["no-such-token"])).status_code == 404
    assert Client().post(reverse("portal:centre-cancel", args=["no-such-token"])).status_code == 404


def test_find_by_code_and_phone_needs_both_to_match(c):
    booking = book(c["extract"], TUESDAY, "09:00", who="", phone="+38 (067) 123-45-67")
    find = reverse("portal:centre-find")
    assert Client().get(find).status_code == 200
    found = Client().post(find, {"code": booking.code.lower(), "phone": "067 123 45 67"})
    assert found.status_code == 302
    assert found["Location"] == reverse("portal:centre-booking", args=[booking.token])
    wrong_phone = Client().post(find, {"code": booking.code, "phone": "067 123 45 68"})
    wrong_code = Client().post(find, {"code": "ZZZZZZ", "phone": "067 123 45 67"})
    assert wrong_phone.status_code == wrong_code.status_code == 404
    assert booking.code not in wrong_phone.content.decode().replace(f'value="{booking.code}"', "")
    assert Client().post(find, {"code": "", "phone": ""}).status_code == 422


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


def test_the_service_page_reads_a_bounded_number_of_queries(c, django_assert_max_num_queries):
    url = f"{_page(c['passport'].pk)}?day={TUESDAY.isoformat()}"
    _queries(url)  # the settings rows are loaded once per process
    before = _queries(url)
    day = TUESDAY
    for n in range(12):
        book(c["passport"], day, "09:00", who=f"p{n}@example.org", phone="")
        day = centre_slots.next_free(c["passport"], day + dt.timedelta(days=1), 1)[0].day
        if day > LAST_DAY:
            break
    assert _queries(url) == before
    with django_assert_max_num_queries(40):
        Client().get(url)
