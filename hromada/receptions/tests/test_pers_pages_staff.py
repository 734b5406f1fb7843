"""The staff pages of personal receptions: who may open the day page, the marks, the appeal from a
visit, walk-ins, booking by phone, cancelling, the journal and the day page's query count."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hromada.appeals.door import registered_appeal
from hromada.core.models import CouncilSettings
from hromada.receptions.models import ReceptionBooking, ReceptionSettings
from hromada.receptions.services.personal import book_reception, mark_visit, register_appeal_from_visit
from hromada.receptions.tests.pers_pages_support import client_of, make_resident
from hromada.receptions.tests.pers_support import booking_data, make_official, t

pytestmark = pytest.mark.django_db

APPEAL_TEXT = "Прошу відремонтувати покрівлю будинку на вулиці Шевченка, 5."
DAY = "2026-12-07"


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    CouncilSettings.forget()
    yield
    ReceptionSettings.forget()
    CouncilSettings.forget()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def day_url(official, day: str = DAY) -> str:
    return reverse("receptions:day", args=[official.pk, day])


def test_registrar_sees_the_day_in_order(staff):
    official = make_official()
    book_reception(**booking_data(official, starts=t("10:30"), full_name="Шевченко Тарас Григорович"))
    book_reception(**booking_data(official, email="b@example.com"))
    response = signed_in(staff["registrar"]).get(day_url(official))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("Коваленко Іван Петрович") < text.index("Шевченко Тарас Григорович")
    assert "067 123 45 67" in text and "11.12.2026" in text  # the next reception day


def test_the_officials_own_user_sees_their_day_only(staff):
    own = make_official(user=staff["head"])
    other = make_official(full_name="Сидоренко Петро Іванович")
    client = signed_in(staff["head"])
    assert client.get(day_url(own)).status_code == 200
    assert client.get(day_url(other)).status_code == 403
    listing = client.get(reverse("receptions:officials")).content.decode()
    assert own.full_name in listing and other.full_name not in listing


@pytest.mark.parametrize("who", ["executor_communal", "moderator", "head"])
def test_other_roles_are_refused(staff, who):
    official = make_official()
    client = signed_in(staff[who])
    assert client.get(day_url(official)).status_code == 403
    assert client.get(reverse("receptions:officials")).status_code == 403
    assert client.get(reverse("receptions:journal")).status_code == 403


def test_a_resident_is_refused(staff):
    official = make_official()
    client = client_of(make_resident("olena@example.com", "Мельник Олена Петрівна"))
    assert client.get(day_url(official)).status_code == 403
    assert client.get(reverse("receptions:officials")).status_code == 403


def test_anonymous_goes_to_sign_in(staff):
    official = make_official()
    response = Client().get(day_url(official))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_a_bad_day_or_official_is_404(staff):
    official = make_official()
    client = signed_in(staff["registrar"])
    assert client.get(day_url(official, "07.12.2026")).status_code == 404
    assert client.get(reverse("receptions:day", args=[official.pk + 99, DAY])).status_code == 404


def test_mark_came_and_not_came(staff):
    official = make_official()
    came = book_reception(**booking_data(official))
    absent = book_reception(**booking_data(official, starts=t("10:15"), email="b@example.com"))
    client = signed_in(staff["registrar"])
    response = client.post(reverse("receptions:mark", args=[came.pk]), {"came": "1", "result": "Роз'яснено"})
    assert response.status_code == 302 and response["Location"] == day_url(official)
    client.post(reverse("receptions:mark", args=[absent.pk]), {"came": "0"})
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.status, came.result, absent.status) == ("came", "Роз'яснено", "not_came")
    assert client.post(reverse("receptions:mark", args=[came.pk]), {"came": "x"}).status_code == 422
    refused = signed_in(staff["executor_communal"]).post(
        reverse("receptions:mark", args=[came.pk]), {"came": "0"}
    )
    assert refused.status_code == 403


def test_register_the_appeal_from_a_visit(staff):
    official = make_official(user=staff["head"])
    booking = book_reception(**booking_data(official))
    mark_visit(actor=staff["registrar"], booking=booking, came=True)
    client = signed_in(staff["head"])
    page = client.get(day_url(official)).content.decode()
    assert reverse("receptions:appeal", args=[booking.pk]) in page
    url = reverse("receptions:appeal", args=[booking.pk])
    body = {"kind": "application", "text": APPEAL_TEXT, "summary": "Ремонт покрівлі", "sex": "female"}
    response = client.post(url, body)
    assert response.status_code == 302 and response["Location"] == day_url(official)
    booking.refresh_from_db()
    appeal = registered_appeal(booking.appeal_id)
    assert appeal is not None and appeal.channel_id == "personal_reception"
    assert appeal.summary == "Ремонт покрівлі"
    assert list(appeal.applicants.values_list("sex_id", flat=True)) == ["female"]
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert appeal.number in message and reverse("appeals:card", args=[appeal.pk]) in message
    again = client.post(url, {"kind": "application", "text": APPEAL_TEXT})
    assert again.status_code == 409


def test_the_appeal_form_needs_a_text(staff):
    official = make_official()
    booking = book_reception(**booking_data(official))
    mark_visit(actor=staff["registrar"], booking=booking, came=True)
    response = signed_in(staff["registrar"]).post(
        reverse("receptions:appeal", args=[booking.pk]), {"kind": "application", "text": ""}
    )
    assert response.status_code == 422
    booking.refresh_from_db()
    assert booking.appeal_id is None


def test_walk_in_is_registered(staff):
    official = make_official()
    client = signed_in(staff["registrar"])
    url = reverse("receptions:walk-in", args=[official.pk, DAY])
    data = {"full_name": "Бондар Марія Олегівна", "topic": "communal", "address": "вул. Соборна, 3"}
    response = client.post(url, data)
    assert response.status_code == 302
    visit = ReceptionBooking.objects.get()
    assert (visit.channel, visit.status, visit.starts, visit.address) == (
        "walk_in",
        "came",
        None,
        "вул. Соборна, 3",
    )
    refused = client.post(url, {"full_name": "", "topic": ""})
    assert refused.status_code == 422
    assert {"full_name", "topic"} <= set(refused.context["walk_in_form"].errors)


def test_book_by_phone(staff):
    official = make_official()
    client = signed_in(staff["registrar"])
    page = client.get(day_url(official)).content.decode()
    assert reverse("receptions:book", args=[official.pk, DAY]) in page
    url = reverse("receptions:book", args=[official.pk, DAY])
    data = {
        "starts": "10:15",
        "full_name": "Гончар Олег Ігорович",
        "phone": "050 111 22 33",
        "topic": "communal",
    }
    assert client.post(url, data).status_code == 302
    booking = ReceptionBooking.objects.get()
    assert (booking.channel, booking.starts, booking.created_by) == ("phone", t("10:15"), staff["registrar"])
    taken = client.post(url, {**data, "full_name": "Лисенко Ганна Ігорівна"})
    assert taken.status_code == 409
    assert client.post(url, {**data, "phone": "", "starts": "10:30"}).status_code == 422
    assert signed_in(staff["head"]).post(url, data).status_code == 403


def test_staff_cancel_frees_the_time(staff):
    official = make_official()
    booking = book_reception(**booking_data(official))
    client = signed_in(staff["registrar"])
    assert client.post(reverse("receptions:cancel", args=[booking.pk])).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert client.post(reverse("receptions:cancel", args=[booking.pk])).status_code == 409


def test_journal_lists_the_period_with_appeal_numbers(staff):
    official = make_official()
    booking = book_reception(**booking_data(official))
    mark_visit(actor=staff["registrar"], booking=booking, came=True, result="Роз'яснено")
    appeal_id = register_appeal_from_visit(
        actor=staff["registrar"], booking=booking, kind="application", text=APPEAL_TEXT
    )
    appeal = registered_appeal(appeal_id)
    assert appeal is not None
    client = signed_in(staff["registrar"])
    response = client.get(reverse("receptions:journal"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "07.12.2026" in text and "Коваленко Іван Петрович" in text and appeal.number in text
    assert "data-print" in text and "print.js" in text
    empty = client.get(reverse("receptions:journal"), {"start": "2026-11-01", "end": "2026-11-30"})
    assert "Коваленко Іван Петрович" not in empty.content.decode()
    assert client.get(reverse("receptions:journal"), {"start": "bad"}).status_code == 400


def test_day_page_query_count_does_not_grow(staff, django_assert_max_num_queries):
    """16 queries today (session, user, official, hours, topics, settings, slots, the list, forms),
    for two visitors or four: none per visitor."""
    official = make_official()
    client = signed_in(staff["registrar"])

    def visitors(*minutes: str) -> None:
        for minute in minutes:
            booking = book_reception(
                **booking_data(official, starts=t(minute), email=f"v{minute[-2:]}@example.com")
            )
            mark_visit(actor=staff["registrar"], booking=booking, came=True)

    visitors("10:00", "10:15")
    client.get(day_url(official))
    with CaptureQueriesContext(connection) as two:
        assert client.get(day_url(official)).status_code == 200
    visitors("10:30", "10:45")
    with django_assert_max_num_queries(min(len(two.captured_queries), 18)):
        response = client.get(day_url(official))
    assert response.status_code == 200 and len(response.context["rows"]) == 4
