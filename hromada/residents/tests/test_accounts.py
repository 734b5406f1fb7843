"""Resident accounts: sign-up with e-mail confirmation over real SMTP, sign-in, lock-out, password
reset, and the answers that must not tell a stranger whether an e-mail has an account."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from hromada.accounts.models import User
from hromada.notifications.models import Notification
from hromada.residents.models import Resident

EMAIL = "olena.petrenko@example.com"
PASSWORD = "Каштани-цвітуть-2026"


def sign_up_data(**overrides):
    data = {
        "full_name": "Петренко Олена Іванівна",
        "email": EMAIL,
        "password": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def link_in(text: str) -> str:
    match = re.search(r"https?://\S+", text)
    assert match, text
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def sign_up_and_confirm(client, smtp, worker, capture, email=EMAIL):
    with capture(execute=True):
        response = client.post("/kabinet/reiestratsiia/", sign_up_data(email=email))
    assert response.status_code == 302 and response["Location"] == "/kabinet/perevirte-poshtu/"
    worker()
    (mail,) = smtp.to(email)
    smtp.clear()
    return client.get(link_in(mail.text)), mail


def test_account_works_only_after_the_emailed_link_confirms_the_address(
    db, smtp, worker, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kabinet/reiestratsiia/", sign_up_data(), follow=True)
    assert response.redirect_chain == [("/kabinet/perevirte-poshtu/", 302)]
    assert response.status_code == 200 and "Перевірте пошту" in response.content.decode()
    resident = Resident.objects.get()
    assert resident.email == EMAIL and not resident.is_confirmed
    assert not resident.user.role and not resident.user.is_staff
    # Before confirmation: no sign-in, and the page offers a new link.
    refused = client.post("/kabinet/vkhid/", {"email": EMAIL, "password": PASSWORD})
    assert refused.status_code == 422
    assert "Спершу підтвердьте електронну пошту" in refused.content.decode()
    worker()
    (mail,) = smtp.to(EMAIL)
    assert mail.subject == "Підтвердьте адресу електронної пошти"
    assert "Петренко Олена Іванівна" in mail.text and mail.html
    confirmed = client.get(link_in(mail.text))
    assert confirmed.status_code == 302 and confirmed["Location"] == "/kabinet/"
    resident.refresh_from_db()
    assert resident.is_confirmed
    assert client.get("/kabinet/").status_code == 200
    # The link works once.
    assert Client().get(link_in(mail.text)).status_code == 400


def test_sign_in_and_sign_out_when_confirmed(db, smtp, worker, django_capture_on_commit_callbacks):
    sign_up_and_confirm(Client(), smtp, worker, django_capture_on_commit_callbacks)
    client = Client()
    assert client.get("/kabinet/")["Location"].startswith("/kabinet/vkhid/?next=/kabinet/")
    wrong = client.post("/kabinet/vkhid/", {"email": EMAIL, "password": "не той"})
    assert wrong.status_code == 422 and "Неправильна електронна пошта або пароль" in wrong.content.decode()
    ok = client.post("/kabinet/vkhid/", {"email": " Olena.Petrenko@Example.com ", "password": PASSWORD})
    assert ok.status_code == 302 and ok["Location"] == "/kabinet/"
    assert client.get("/kabinet/").status_code == 200
    client.post("/kabinet/vykhid/")
    assert client.get("/kabinet/").status_code == 302


def test_next_is_followed_only_within_the_site(db, smtp, worker, django_capture_on_commit_callbacks):
    sign_up_and_confirm(Client(), smtp, worker, django_capture_on_commit_callbacks)
    inside = Client().post(
        "/kabinet/vkhid/", {"email": EMAIL, "password": PASSWORD, "next": "/zvernennia/nove/"}
    )
    assert inside["Location"] == "/zvernennia/nove/"
    outside = Client().post(
        "/kabinet/vkhid/", {"email": EMAIL, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert outside["Location"] == "/kabinet/"


def test_sign_in_locks_after_five_failures_for_one_email(
    db, smtp, worker, django_capture_on_commit_callbacks
):
    sign_up_and_confirm(Client(), smtp, worker, django_capture_on_commit_callbacks)
    client = Client()
    for _ in range(5):
        client.post("/kabinet/vkhid/", {"email": EMAIL, "password": "не той"})
    locked = client.post("/kabinet/vkhid/", {"email": EMAIL, "password": PASSWORD})
    assert locked.status_code == 422 and "заблоковано" in locked.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Зазначте ваше прізвище, ім’я та по батькові (ПІБ)."),
        ({"email": "не-пошта"}, "email", "Введіть правильну адресу електронної пошти."),
        ({"password2": "інший-пароль-2026"}, "password2", "Паролі не збігаються."),
        ({"password": "12345678901", "password2": "12345678901"}, "password", "цифр"),
        ({"password": "коротко", "password2": "коротко"}, "password", "занадто короткий"),
        ({"consent": None}, "consent", "Потрібна згода на обробку персональних даних."),
    ],
)
def test_sign_up_field_errors_in_ukrainian_and_nothing_saved(db, overrides, field, message):
    response = Client().post("/kabinet/reiestratsiia/", sign_up_data(**overrides))
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert any(message in e for e in errors[field]), errors
    assert not Resident.objects.exists() and not User.objects.exists()
    assert 'value="Петренко Олена Іванівна"' in response.content.decode() or field == "full_name"


def test_taken_email_answers_the_same_and_warns_the_owner(
    db, smtp, worker, django_capture_on_commit_callbacks
):
    sign_up_and_confirm(Client(), smtp, worker, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again = Client().post(
            "/kabinet/reiestratsiia/", sign_up_data(full_name="Хтось Інший", email=EMAIL.upper()), follow=True
        )
    assert again.status_code == 200 and "Перевірте пошту" in again.content.decode()
    assert Resident.objects.count() == 1
    worker()
    (mail,) = smtp.to(EMAIL)
    assert mail.subject == "У вас уже є обліковий запис"
    assert "/kabinet/parol/" in mail.text


def test_honeypot_creates_nothing(db):
    response = Client().post(
        "/kabinet/reiestratsiia/", sign_up_data(website="http://spam.example"), follow=True
    )
    assert response.status_code == 200 and not Resident.objects.exists()


def test_sign_up_rate_limited_per_address(db, settings):
    settings.HROMADA_PORTAL_ACCOUNT_LIMIT = 2
    client = Client()
    for n in range(2):
        client.post("/kabinet/reiestratsiia/", sign_up_data(email=f"r{n}@example.com"))
    refused = client.post("/kabinet/reiestratsiia/", sign_up_data(email="r9@example.com"))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Resident.objects.count() == 2


def test_password_reset_by_emailed_link_once(db, smtp, worker, django_capture_on_commit_callbacks):
    sign_up_and_confirm(Client(), smtp, worker, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        asked = Client().post("/kabinet/parol/", {"email": EMAIL})
    assert asked.status_code == 302 and asked["Location"] == "/kabinet/perevirte-poshtu/"
    worker()
    (mail,) = smtp.to(EMAIL)
    assert mail.subject == "Встановлення нового пароля"
    link = link_in(mail.text)
    client = Client()
    assert client.get(link).status_code == 200
    weak = client.post(link, {"password": "123", "password2": "123"})
    assert weak.status_code == 422 and weak.context["form"].errors["password"]
    new = "Нові-каштани-2027"
    done = client.post(link, {"password": new, "password2": new})
    assert done.status_code == 302 and client.get("/kabinet/").status_code == 200
    assert Client().post("/kabinet/vkhid/", {"email": EMAIL, "password": PASSWORD}).status_code == 422
    assert Client().post("/kabinet/vkhid/", {"email": EMAIL, "password": new}).status_code == 302
    assert Client().get(link).status_code == 400  # used


def test_password_reset_for_unknown_email_answers_the_same_and_sends_nothing(db, smtp, worker):
    response = Client().post("/kabinet/parol/", {"email": "nobody@example.com"}, follow=True)
    assert response.status_code == 200 and "Перевірте пошту" in response.content.decode()
    assert not Notification.objects.exists()
    empty = Client().post("/kabinet/parol/", {"email": ""})
    assert empty.status_code == 422


def test_forged_links_do_not_work(db):
    assert Client().get("/kabinet/pidtverdzhennia/MQ/abc-def/").status_code == 400
    assert Client().get("/kabinet/parol/MQ/abc-def/").status_code == 400
    assert Client().get("/kabinet/parol/%25%25/abc/").status_code == 400


def test_staff_account_is_not_a_resident_and_resident_is_not_staff(
    db, staff, smtp, worker, django_capture_on_commit_callbacks
):
    registrar = Client()
    registrar.force_login(staff["registrar"])
    assert registrar.get("/kabinet/").status_code == 302
    assert Client().post("/kabinet/vkhid/", {"email": "registrar", "password": "pw"}).status_code == 422
    resident = Client()
    sign_up_and_confirm(resident, smtp, worker, django_capture_on_commit_callbacks)
    assert resident.get("/staff/").status_code == 403
    assert resident.get("/staff/appeals/").status_code == 403
    assert resident.get("/api/v1/appeals").status_code == 401


def test_resend_confirmation_mails_a_new_link_to_unconfirmed_only(
    db, smtp, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/kabinet/reiestratsiia/", sign_up_data())
        Client().post("/kabinet/pidtverdzhennia/znovu/", {"email": EMAIL})
    worker()
    first, second = smtp.to(EMAIL)
    assert first.subject == second.subject == "Підтвердьте адресу електронної пошти"
    Client().get(link_in(second.text))
    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/kabinet/pidtverdzhennia/znovu/", {"email": EMAIL})
    worker()
    assert smtp.to(EMAIL) == []


def test_sign_up_refuses_a_name_without_surname_and_first_name(db):
    """Petitions and e-appeals take the author's ПІБ from the account: it is checked at sign-up."""
    response = Client().post("/kabinet/reiestratsiia/", sign_up_data(full_name="Ганна"))
    assert response.status_code == 422
    assert response.context["form"].errors["full_name"] == [
        "Зазначте ваше прізвище та ім’я (і по батькові, якщо є)."
    ]
    assert not Resident.objects.exists()
