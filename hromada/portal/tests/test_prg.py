"""Post/Redirect/Get on every public form (issue 13): each route of the portal's URLconf that takes a
POST answers a successful one with a redirect (302/303) to a page that a GET shows, so that a reload
re-sends nothing. Routes that take no POST answer 405; a route added to the URLconf that takes a POST
and has no success case here fails the test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse

from hromada.appeals.models import Appeal
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.services import file_e_appeal
from hromada.petitions import services as petitions
from hromada.petitions.models import Petition, Signature
from hromada.petitions.tests.public_support import PASSWORD, client_of, make_resident, published
from hromada.portal.tests.browser.test_mobile_layout import portal_routes
from hromada.questions.models import Question
from hromada.residents.models import Resident
from hromada.residents.tokens import email_confirmation, password_reset, uid_of

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Петренко Олена Іванівна", "petrenko@example.com"
#: A test client's answer to a form (Django's test response) and the client that sent it.
Posted = tuple[Any, Client]

#: Routes that take a POST and answer it without a redirect, and why that is right.
NO_REDIRECT = {
    "track": "a look-up that writes nothing (but the rate-limit count); the tracking code travels only "
    "in the POST body, never in a URL, so that it does not land in access logs",
    "petitions-rss": "a feed: Django's Feed answers any method with the feed and writes nothing",
    "petitions-atom": "a feed (as above)",
    "petition-answers-rss": "a feed (as above)",
    "petition-answers-atom": "a feed (as above)",
    "provider-start": "an outside identity provider's start (404 with none configured): redirects to it",
    "provider-finish": "the provider's return (404 with none configured): signs in and redirects",
}


def _appeal_form() -> dict[str, str]:
    return {
        "name": NAME,
        "address": "вул. Соборна, 5, кв. 7, м. Хмільник, 22000",
        "email": EMAIL,
        "phone": "067 123 45 67",
        "kind": "complaint",
        "topic": "communal",
        "text": "Третій тиждень не вивозять сміття з двору.",
        "consent": "on",
    }


def _draft(author: Resident) -> Petition:
    return petitions.create_petition_draft(
        author=author,
        title="Пішохідний перехід біля школи",
        text="Просимо облаштувати перехід.",
        category="communal",
    )


def post_new(staff: dict) -> Posted:
    client = Client()
    return client.post("/zvernennia/nove/", _appeal_form()), client


def post_ask(staff: dict) -> Posted:
    client = Client()
    data = {"name": NAME, "email": EMAIL, "topic": "communal", "consent": "on"}
    data["text"] = "Коли у дворі на вул. Соборній, 5 встановлять дитячий майданчик?"
    return client.post("/zapytannia/nove/", data), client


def post_sign(staff: dict) -> Posted:
    petition = published(staff, make_resident("author@example.com", NAME))
    client = client_of(
        make_resident("signer@ukr.net", "Коваль Іван Петрович", birth_date=dt.date(1980, 5, 1))
    )
    response = client.post(f"/peticii/{petition.pk}/pidpysaty/")
    assert Signature.objects.filter(petition=petition).count() == 1
    return response, client


def post_withdraw(staff: dict) -> Posted:
    signed, client = post_sign(staff)
    return client.post(signed["Location"].split("?")[0] + "vidklykaty/"), client


def post_new_petition(staff: dict) -> Posted:
    client = client_of(make_resident("author@example.com", NAME))
    data = {
        "title": "Пішохідний перехід біля школи № 5",
        "text": "Просимо облаштувати перехід.",
        "category": "communal",
    }
    return client.post("/kabinet/peticii/nova/", data), client


def post_edit_petition(staff: dict) -> Posted:
    author = make_resident("author@example.com", NAME)
    draft = _draft(author)
    data = {"title": "Перехід біля школи № 5", "text": "Просимо облаштувати перехід.", "category": "communal"}
    client = client_of(author)
    return client.post(f"/kabinet/peticii/{draft.pk}/redaguvaty/", data), client


def post_submit_petition(staff: dict) -> Posted:
    author = make_resident("author@example.com", NAME)
    client = client_of(author)
    return client.post(f"/kabinet/peticii/{_draft(author).pk}/podaty/"), client


def post_profile(staff: dict) -> Posted:
    client = client_of(make_resident("author@example.com", NAME))
    return client.post("/kabinet/profil/", {"birth_date": "01.05.1980", "address": "вул. Соборна, 5"}), client


def post_my_appeal(staff: dict) -> Posted:
    resident = make_resident(EMAIL, NAME)
    form = _appeal_form()
    filed = EAppealIn(name=NAME, address=form["address"], email=EMAIL, text=form["text"], consent=True)
    appeal, _code = file_e_appeal(filed)
    client = client_of(resident)
    note = SimpleUploadedFile("photo.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    return client.post(
        f"/kabinet/zvernennia/{appeal.pk}/", {"text": "Додаю фото.", "attachments": [note]}
    ), client


def post_sign_up(staff: dict) -> Posted:
    client = Client()
    data = {"full_name": NAME, "email": EMAIL, "password": PASSWORD, "password2": PASSWORD, "consent": "on"}
    return client.post("/kabinet/reiestratsiia/", data), client


def post_resend(staff: dict) -> Posted:
    make_resident(EMAIL, NAME, confirmed=False)
    client = Client()
    return client.post("/kabinet/pidtverdzhennia/znovu/", {"email": EMAIL}), client


def post_password_reset(staff: dict) -> Posted:
    make_resident(EMAIL, NAME)
    client = Client()
    return client.post("/kabinet/parol/", {"email": EMAIL}), client


def post_password_reset_confirm(staff: dict) -> Posted:
    user = make_resident(EMAIL, NAME).user
    client = Client()
    url = f"/kabinet/parol/{uid_of(user)}/{password_reset.make_token(user)}/"
    new = "Нові-каштани-2027"
    return client.post(url, {"password": new, "password2": new}), client


def post_confirm_email(staff: dict) -> Posted:
    user = make_resident(EMAIL, NAME, confirmed=False).user
    client = Client()
    return client.post(
        f"/kabinet/pidtverdzhennia/{uid_of(user)}/{email_confirmation.make_token(user)}/"
    ), client


def post_sign_in(staff: dict) -> Posted:
    make_resident(EMAIL, NAME)
    client = Client()
    return client.post("/kabinet/vkhid/", {"email": EMAIL, "password": PASSWORD}), client


def post_sign_out(staff: dict) -> Posted:
    client = client_of(make_resident(EMAIL, NAME))
    return client.post("/kabinet/vykhid/"), client


def _reception_slot() -> tuple[Any, str]:
    """A published official and the first free time of theirs from today on (real today)."""
    from hromada.core import clock
    from hromada.receptions import slots
    from hromada.receptions.tests.pers_support import make_official

    official = make_official()
    for day in slots.reception_days(official, clock.today(), clock.today() + dt.timedelta(days=21)):
        free = slots.free_slots(official, day, priority=False)
        if free:
            return official, f"{day.isoformat()}T{free[-1].strftime('%H:%M')}"
    raise AssertionError("no free reception time in three weeks")


def _centre_slot() -> tuple[Any, str]:
    from hromada.receptions import centre_slots
    from hromada.receptions.tests.cbook_factory import centre

    service = centre()["passport"]
    for day in centre_slots.open_days(service):
        free = centre_slots.free_slots(service, day)
        if free:
            return service, f"{day.isoformat()}T{free[-1].starts.strftime('%H:%M')}"
    raise AssertionError("no free centre time within the horizon")


def _person() -> dict[str, str]:
    return {"full_name": NAME, "phone": "067 123 45 67", "email": EMAIL}


def post_reception(staff: dict) -> Posted:
    official, slot = _reception_slot()
    client = Client()
    data = {"slot": slot, "topic": "communal", "question": "Ремонт даху", **_person()}
    return client.post(f"/pryiom/{official.pk}/", data), client


def post_reception_cancel(staff: dict) -> Posted:
    booked, client = post_reception(staff)
    token = booked["Location"].rstrip("/").rsplit("/", 1)[-1]
    return client.post(f"/pryiom/skasuvaty/{token}/"), client


def post_centre_booking(staff: dict) -> Posted:
    service, slot = _centre_slot()
    client = Client()
    return client.post(f"/cnap/posluha/{service.pk}/", {"slot": slot, **_person()}), client


def post_centre_cancel(staff: dict) -> Posted:
    booked, client = post_centre_booking(staff)
    token = booked["Location"].rstrip("/").rsplit("/", 1)[-1]
    return client.post(f"/cnap/skasuvaty/{token}/"), client


def post_centre_find(staff: dict) -> Posted:
    from hromada.receptions.models import CentreBooking

    post_centre_booking(staff)
    client = Client()
    return client.post(
        "/cnap/zapys/", {"code": CentreBooking.objects.get().code, "phone": "0671234567"}
    ), client


def post_centre_kiosk(staff: dict) -> Posted:
    from hromada.receptions.tests.cbook_factory import centre

    service = centre()["extract"]
    client = Client()
    return client.post("/cnap/kiosk/", {"service": str(service.pk)}), client


def _kindergarten_filed() -> tuple[Any, Client, Any]:
    """A parent's application filed through the portal's form (its response, the parent's browser,
    the institutions)."""
    from hromada.kindergarten.tests.test_api_support import institution
    from hromada.kindergarten.tests.test_pages_support import form_data

    places = [institution("ЗДО № 1 «Сонечко»"), institution("ЗДО № 2 «Барвінок»")]
    client = client_of(make_resident(EMAIL, NAME))
    return client.post("/dytsadok/zaiava/", form_data(1, places)), client, places


def _kindergarten_status() -> str:
    from hromada.kindergarten.models import Application

    return reverse("portal:kindergarten-application", args=[Application.objects.get().number])


def post_kindergarten_apply(staff: dict) -> Posted:
    response, client, _places = _kindergarten_filed()
    return response, client


def post_kindergarten_lookup(staff: dict) -> Posted:
    from hromada.kindergarten.tests.test_api_support import file, institution, officer

    filed = file(officer(), 2, [institution("ЗДО № 3 «Калинка»")])
    client, pair = Client(), {"number": filed.application.number, "code": filed.code}
    return client.post("/dytsadok/perevirka/", pair), client


def post_kindergarten_preferences(staff: dict) -> Posted:
    _response, client, places = _kindergarten_filed()
    return client.post(f"{_kindergarten_status()}zaklady/", {"institution_1": str(places[1].pk)}), client


def post_kindergarten_cancel(staff: dict) -> Posted:
    _response, client, _places = _kindergarten_filed()
    return client.post(f"{_kindergarten_status()}skasuvaty/", {"note": ""}), client


def _kindergarten_offered() -> Client:
    from hromada.kindergarten.services import offer_place
    from hromada.kindergarten.tests.test_api_support import group, officer

    _response, client, places = _kindergarten_filed()
    offer_place(actor=officer(), age_group=group(places[0]))
    return client


def post_kindergarten_accept(staff: dict) -> Posted:
    client = _kindergarten_offered()
    return client.post(f"{_kindergarten_status()}pryiniaty/"), client


def post_kindergarten_decline(staff: dict) -> Posted:
    client = _kindergarten_offered()
    return client.post(f"{_kindergarten_status()}vidmovytysia/"), client


#: route name → a successful POST of its form (and the browser that sent it).
SUCCESS: dict[str, Callable[[dict], Posted]] = {
    "new": post_new,
    "ask": post_ask,
    "petition-sign": post_sign,
    "petition-withdraw": post_withdraw,
    "my-petition-new": post_new_petition,
    "my-petition-edit": post_edit_petition,
    "my-petition-submit": post_submit_petition,
    "profile": post_profile,
    "my-appeal": post_my_appeal,
    "sign-up": post_sign_up,
    "resend-confirmation": post_resend,
    "password-reset": post_password_reset,
    "password-reset-confirm": post_password_reset_confirm,
    "confirm-email": post_confirm_email,
    "sign-in": post_sign_in,
    "sign-out": post_sign_out,
    "reception-official": post_reception,
    "reception-cancel": post_reception_cancel,
    "centre-service": post_centre_booking,
    "centre-cancel": post_centre_cancel,
    "centre-find": post_centre_find,
    "centre-kiosk": post_centre_kiosk,
    "kindergarten-apply": post_kindergarten_apply,
    "kindergarten-lookup": post_kindergarten_lookup,
    "kindergarten-preferences": post_kindergarten_preferences,
    "kindergarten-cancel": post_kindergarten_cancel,
    "kindergarten-accept": post_kindergarten_accept,
    "kindergarten-decline": post_kindergarten_decline,
}


def _example_path(name: str) -> str:
    """An address of route `name` with made-up arguments (enough to see which methods it takes)."""
    for args in ((), ("1",), ("1", "1"), ("x", "y"), ("x",)):
        try:
            return reverse(f"portal:{name}", args=args)
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build an example address of {name}")


def test_every_route_that_takes_a_post_has_a_success_case_or_a_reason(client):
    takes_post = set()
    for name in portal_routes():
        if client.post(_example_path(name)).status_code != 405:
            takes_post.add(name)
    unlisted = sorted(takes_post - set(SUCCESS) - set(NO_REDIRECT))
    assert not unlisted, f"public routes that take a POST with no Post/Redirect/Get case here: {unlisted}"
    assert not sorted(set(SUCCESS) - portal_routes()), "SUCCESS names routes the URLconf no longer has"


@pytest.mark.parametrize("name", sorted(SUCCESS))
def test_a_successful_post_redirects_to_a_page_a_get_shows(name, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response, client = SUCCESS[name](staff)
    assert response.status_code in (302, 303), f"{name}: {response.status_code}"
    target = client.get(response["Location"], follow=True)
    assert target.status_code == 200, f"{name} → {response['Location']}: {target.status_code}"
    assert target.request["REQUEST_METHOD"] == "GET"


def test_reloading_the_receipts_writes_nothing_again(staff):
    response, client = post_new(staff)
    assert response["Location"] == "/zvernennia/otrymano/"
    asked, asker = post_ask(staff)
    for _ in range(3):
        assert client.get("/zvernennia/otrymano/").status_code == 200
        assert asker.get(asked["Location"]).status_code == 200
    assert Appeal.objects.count() == 1 and Question.objects.count() == 1


def test_check_mail_page_sends_to_sign_in_when_no_letter_was_asked_for(client):
    response = client.get("/kabinet/perevirte-poshtu/")
    assert response.status_code == 302 and response["Location"] == "/kabinet/vkhid/"


def test_check_mail_page_says_where_the_letter_went_after_sign_up(staff):
    response, client = post_sign_up(staff)
    assert response["Location"] == "/kabinet/perevirte-poshtu/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and EMAIL in page.content.decode()
    assert "no-store" in page["Cache-Control"]
