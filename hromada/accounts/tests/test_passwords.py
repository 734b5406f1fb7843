"""Staff passwords (issue 11, finding 4): 12+ characters, not common, not the service's name with
digits, not like the user's names, not only digits — wherever a staff password is set."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from hromada.accounts.models import Role, User
from hromada.accounts.services import create_user
from hromada.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "Пароль занадто короткий"),
        ("password", "Пароль занадто поширений"),
        ("hromada-2026", "назва сервісу"),
        ("Password!2026", "поширене слово"),
        ("Kashtan1", "Пароль занадто короткий"),
        ("482915730461", "повністю складається із цифр"),
        ("olena.kovalenko", "надто схожий"),
    ],
)
def test_create_user_refuses_a_weak_staff_password_in_ukrainian(db, password, message):
    with pytest.raises(ValidationFailed) as caught:
        create_user(
            username="olena.kovalenko",
            role=Role.HEAD,
            password=password,
            first_name="Олена",
            last_name="Коваленко",
        )
    text = " ".join(str(e.message) for e in caught.value.errors)
    assert message in text
    assert {e.field for e in caught.value.errors} == {"password"}
    assert not User.objects.exists()


def test_create_user_accepts_a_strong_staff_password(db):
    user = create_user(username="olena", role=Role.HEAD, password="Kashtan-Lypa-47!")
    assert user.check_password("Kashtan-Lypa-47!")


def test_role_less_account_keeps_the_shorter_rule(db):
    resident_like = User(username="r", role="")
    validate_password("Zx7!kq2m", resident_like)  # 8 characters: enough without a staff role
    with pytest.raises(ValidationError):
        validate_password("Zx7!kq2m", User(username="s", role=Role.REGISTRAR))


def test_password_change_page_refuses_password_for_staff(staff):
    client = Client()
    client.force_login(staff["registrar"])
    response = client.post(
        "/staff/password/", {"old_password": "pw", "new_password1": "password", "new_password2": "password"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Пароль занадто короткий" in html and "Пароль занадто поширений" in html
    staff["registrar"].refresh_from_db()
    assert staff["registrar"].check_password("pw")


def _admin_client(staff) -> Client:
    admin_user = staff["administrator"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    return client


def test_admin_user_form_refuses_hromada_2026_for_a_staff_role(staff):
    client = _admin_client(staff)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newhead",
            "role": "head",
            "usable_password": "true",
            "password1": "hromada-2026",
            "password2": "hromada-2026",
        },
    )
    assert response.status_code == 200
    assert "назва сервісу" in response.content.decode()
    assert not User.objects.filter(username="newhead").exists()
    ok = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newhead",
            "role": "head",
            "usable_password": "true",
            "password1": "Kashtan-Lypa-47!",
            "password2": "Kashtan-Lypa-47!",
        },
    )
    assert ok.status_code == 302
    assert User.objects.get(username="newhead").role == "head"


def test_admin_password_change_refuses_a_short_password_for_staff(staff):
    client = _admin_client(staff)
    target = staff["head"]
    response = client.post(
        f"/admin/accounts/user/{target.pk}/password/",
        {"usable_password": "true", "password1": "Kashtan1!", "password2": "Kashtan1!"},
    )
    assert response.status_code == 200
    assert "Пароль занадто короткий" in response.content.decode()
    target.refresh_from_db()
    assert target.check_password("pw")


def test_create_user_command_refuses_password(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="password"):
        call_command("create_user", "x", "--role", "head", "--password", "password")
    assert not User.objects.exists()
