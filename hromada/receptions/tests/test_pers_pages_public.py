"""The portal's pages of personal receptions: the list, booking (anonymous and signed in), the 409
with alternatives, 422 field errors, the booking page, both calendars and cancellation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from hromada.core.models import CouncilSettings
from hromada.receptions import slots
from hromada.receptions.models import (
    Official,
    ReceptionBooking,
    ReceptionHours,
    ReceptionSettings,
    ScheduleException,
)
from hromada.receptions.selectors.personal_public import horizon, open_days
from hromada.receptions.services.personal import book_reception
from hromada.receptions.tests.pers_pages_support import client_of, make_resident
from hromada.receptions.tests.pers_support import MONDAY, booking_data, make_official, set_rule, t

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    CouncilSettings.forget()
    yield
    ReceptionSettings.forget()
    CouncilSettings.forget()


def _form(**extra: str) -> dict[str, str]:
    data = {
        "slot": "2026-12-07T10:00",
        "topic": "communal",
        "question": "Протікає дах",
        "full_name": "Коваленко Іван Петрович",
        "phone": "067 123 45 67",
        "email": "ivan@example.com",
        "category": "",
    }
    data.update(extra)
    return data


def test_list_shows_officials_and_the_next_day():
    official = make_official()
    make_official(full_name="Сидоренко Петро Іванович", is_suspended=True, suspension_reason="Відпустка")
    make_official(full_name="Прихована Особа Іванівна", is_published=False)
    response = Client().get(reverse("portal:receptions"))
    assert response.status_code == 200
    text = response.content.decode()
    assert official.full_name in text and "07.12.2026" in text
    assert "Відпустка" in text and "Прихована" not in text


def test_official_page_lists_days_and_free_times():
    official = make_official()
    book_reception(**booking_data(official))
    response = Client().get(reverse("portal:reception-official", args=[official.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "07.12.2026" in text and "11.12.2026" in text
    assert 'value="2026-12-07T10:15"' in text and 'value="2026-12-07T10:00"' not in text
    friday = Client().get(reverse("portal:reception-official", args=[official.pk]) + "?day=2026-12-11")
    assert 'value="2026-12-11T14:00"' in friday.content.decode()


@pytest.mark.parametrize("day", ["nonsense", "2026-12-08", "2027-06-07"])
def test_a_bad_day_is_404(day):
    official = make_official()
    url = reverse("portal:reception-official", args=[official.pk])
    assert Client().get(url, {"day": day}).status_code == 404


def test_unpublished_official_is_404():
    official = make_official(is_published=False)
    assert Client().get(reverse("portal:reception-official", args=[official.pk])).status_code == 404


def test_anonymous_books_and_lands_on_the_booking_page():
    official = make_official()
    client = Client()
    response = client.post(reverse("portal:reception-official", args=[official.pk]), _form())
    booking = ReceptionBooking.objects.get()
    assert response.status_code in (302, 303)
    assert response["Location"] == reverse("portal:reception-booking", args=[booking.token])
    assert booking.channel == "portal" and booking.starts == t("10:00") and booking.resident is None
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "07.12.2026" in text and "10:00" in text and "каб. 12" in text


def test_bookings_are_rate_limited_per_browser_and_e_mail(settings):
    settings.HROMADA_PORTAL_BOOKING_LIMIT = 1
    official = make_official()
    url = reverse("portal:reception-official", args=[official.pk])
    client = Client()
    assert client.post(url, _form()).status_code == 302
    assert client.post(url, _form(slot="2026-12-07T10:15", email="petro@example.com")).status_code == 429
    assert Client().post(url, _form(slot="2026-12-07T10:15")).status_code == 429
    assert ReceptionBooking.objects.count() == 1


def test_signed_in_resident_books_without_typing_name_and_email():
    official = make_official()
    resident = make_resident("olena@example.com", "Мельник Олена Петрівна")
    client = client_of(resident)
    form = client.get(reverse("portal:reception-official", args=[official.pk])).content.decode()
    assert "Мельник Олена Петрівна" in form and "olena@example.com" in form
    response = client.post(
        reverse("portal:reception-official", args=[official.pk]), _form(full_name="", email="")
    )
    assert response.status_code in (302, 303)
    booking = ReceptionBooking.objects.get()
    assert booking.resident == resident and booking.email == "olena@example.com"
    listing = client.get(reverse("portal:receptions")).content.decode()
    assert reverse("portal:reception-booking", args=[booking.token]) in listing


def test_a_taken_time_is_409_with_alternatives():
    official = make_official()
    book_reception(**booking_data(official))
    response = Client().post(
        reverse("portal:reception-official", args=[official.pk]),
        _form(email="other@example.com", full_name="Шевченко Тарас Григорович"),
    )
    assert response.status_code == 409
    text = response.content.decode()
    for value in ("2026-12-07T10:15", "2026-12-07T10:30", "2026-12-07T10:45"):
        assert f'value="{value}"' in text
    assert ReceptionBooking.objects.count() == 1


def test_missing_fields_are_422_next_to_the_fields():
    official = make_official()
    response = Client().post(
        reverse("portal:reception-official", args=[official.pk]),
        _form(full_name="", phone="", email="", topic=""),
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert {"full_name", "phone", "email", "topic"} <= set(errors)
    assert not ReceptionBooking.objects.exists()


def test_a_time_outside_the_hours_is_422():
    official = make_official()
    response = Client().post(
        reverse("portal:reception-official", args=[official.pk]), _form(slot="2026-12-07T12:00")
    )
    assert response.status_code == 422
    assert "slot" in response.context["form"].errors


def test_no_time_chosen_is_422():
    official = make_official()
    response = Client().post(reverse("portal:reception-official", args=[official.pk]), _form(slot=""))
    assert response.status_code == 422 and "slot" in response.context["form"].errors


def test_a_suspended_official_is_refused_with_the_reason():
    official = make_official()
    official.is_suspended = True
    official.suspension_reason = "Лікарняний до 14.12.2026"
    official.save()
    page = Client().get(reverse("portal:reception-official", args=[official.pk]))
    assert "Лікарняний до 14.12.2026" in page.content.decode()
    response = Client().post(reverse("portal:reception-official", args=[official.pk]), _form())
    assert response.status_code == 409 and "Лікарняний до 14.12.2026" in response.content.decode()
    assert not ReceptionBooking.objects.exists()


def test_official_feed_parses():
    official = make_official()
    book_reception(**booking_data(official))
    response = Client().get(reverse("portal:reception-official-ics", args=[official.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0].date() == MONDAY and starts[0].time() == t("10:00")
    assert "Коваленко" not in response.content.decode()


def test_booking_ics_parses_and_a_bad_token_is_404():
    official = make_official()
    booking = book_reception(**booking_data(official))
    response = Client().get(reverse("portal:reception-booking-ics", args=[booking.token]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2026, 12, 7, 10, 0)
    assert str(event["LOCATION"]) == "каб. 12"
    assert Client().get(reverse("portal:reception-booking-ics", args=["nope"])).status_code == 404
    assert Client().get(reverse("portal:reception-booking", args=["nope"])).status_code == 404


def test_cancel_asks_then_cancels():
    official = make_official()
    booking = book_reception(**booking_data(official))
    client = Client()
    url = reverse("portal:reception-cancel", args=[booking.token])
    assert url == f"/pryiom/skasuvaty/{booking.token}/"
    page = client.get(url)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"
    response = client.post(url)
    assert response.status_code in (302, 303)
    assert response["Location"] == reverse("portal:reception-booking", args=[booking.token])
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    again = client.post(url)
    assert again.status_code == 409
    assert Client().post(reverse("portal:reception-cancel", args=["nope"])).status_code == 404


def test_open_days_agree_with_the_slot_rules():
    """The pages' one-pass reading of the horizon gives what slots.free_slots gives day by day."""
    official = make_official()
    ScheduleException.objects.create(official=official, day=dt.date(2026, 12, 14), kind="leave")
    ScheduleException.objects.create(
        official=official, day=dt.date(2026, 12, 12), kind="extra", starts=t("09:00"), ends=t("10:00")
    )
    ReceptionHours.objects.create(
        official=official, weekday=2, starts=t("15:00"), ends=t("16:00"), valid_from=dt.date(2026, 12, 16)
    )
    book_reception(**booking_data(official, starts=t("10:30")))
    set_rule("reserved", reserved=1)
    found = {d.day: d.free for d in open_days(Official.objects.get(pk=official.pk))}
    start, end = horizon()
    expected = {}
    day = start
    while day <= end:
        free = slots.free_slots(official, day, priority=False)
        if free:
            expected[day] = free
        day += dt.timedelta(days=1)
    assert found == expected
    assert dt.date(2026, 12, 12) in found and dt.date(2026, 12, 14) not in found
    assert dt.date(2026, 12, 25) in found  # Christmas is a working day under martial law


def test_the_list_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(5):
        make_official(full_name=f"Петренко Олена Іванівна {n}")
    Client().get(reverse("portal:receptions"))
    with django_assert_max_num_queries(8):
        assert Client().get(reverse("portal:receptions")).status_code == 200


def test_the_last_free_time_taken_meanwhile_is_409_not_404():
    official = make_official()
    for minute in ("10:00", "10:15", "10:30"):
        book_reception(**booking_data(official, starts=t(minute), email=f"x{minute[-2:]}@example.com"))
    url = reverse("portal:reception-official", args=[official.pk]) + "?day=2026-12-07"
    assert Client().get(url).status_code == 200
    book_reception(**booking_data(official, starts=t("10:45"), email="last@example.com"))
    response = Client().post(url, _form(slot="2026-12-07T10:45", email="late@example.com"))
    assert response.status_code == 409
    assert 'value="2026-12-11T14:00"' in response.content.decode()
