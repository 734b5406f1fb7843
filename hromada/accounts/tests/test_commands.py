import io

import pytest
from django.core.management import CommandError, call_command

from hromada.accounts.models import ApiToken, Department, User
from hromada.accounts.services import user_for_token


def test_create_user_with_role_department_and_password(db):
    Department.objects.create(code="communal", name="ЖКГ")
    call_command(
        "create_user",
        "olena",
        "--role",
        "executor",
        "--department",
        "communal",
        "--password",
        "Kashtan-Lypa-47!",
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="olena")
    assert user.department is not None
    assert (user.role, user.department.code, user.check_password("Kashtan-Lypa-47!")) == (
        "executor",
        "communal",
        True,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "executor"], "department"),
        (["--role", "executor", "--department", "nope"], "nope"),
    ],
)
def test_create_user_refuses_bad_input(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_user", "x", *args, stdout=io.StringIO())
    assert not User.objects.exists()


def test_create_api_token_prints_only_a_working_token(db):
    user = User.objects.create_user("registrar", role="registrar")
    out = io.StringIO()
    call_command("create_api_token", "registrar", stdout=out)
    token = out.getvalue().strip()
    assert "\n" not in token and token.startswith("hrm_")
    assert user_for_token(token) == user
    assert ApiToken.objects.get().digest != token  # only the hash is stored
    assert user_for_token(token + "x") is None


def test_create_api_token_for_unknown_user_fails(db):
    with pytest.raises(CommandError):
        call_command("create_api_token", "ghost", stdout=io.StringIO())
