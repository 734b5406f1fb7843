"""Secure by default (issue 11, findings 1, 7, 8): the production configuration refuses to start without a
key, switches HTTPS, secure cookies and HSTS on by itself, passes `check --deploy` with no warning in the
environment docs/deployment.md documents, and every dynamic answer carries no-store and one strict CSP.

The production runs are real processes (`python -m hromada …`) with that environment, since the suite
itself runs the development configuration (hromada/pytest_development.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import User
from hromada.residents.models import Resident
from hromada.residents.tokens import EmailConfirmationTokenGenerator, uid_of

ROOT = Path(__file__).resolve().parents[3]
DEPLOYMENT_DOC = ROOT / "docs" / "deployment.md"
#: The constant every installation used as its key before this fix.
OLD_CONSTANT_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"


def documented_production_environment() -> dict[str, str]:
    """The ```env block of docs/deployment.md: what a council sets on every node."""
    text = DEPLOYMENT_DOC.read_text(encoding="utf-8")
    match = re.search(r"```env\n(.*?)```", text, re.S)
    assert match, "docs/deployment.md must show the production environment in an ```env block"
    values: dict[str, str] = {}
    for line in match.group(1).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def clean_environment() -> dict[str, str]:
    """What a service manager gives a process: no DEBUG, no key, none of this test run's switches."""
    return {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}


def run_hromada(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = clean_environment()
    base.update(env)
    # The documented database and media live on the council's servers: here, throw-away ones.
    base.update(
        {
            "HROMADA_VAR_DIR": env.get("HROMADA_VAR_DIR", str(tmp_path / "var")),
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "hromada", *args],
        env=base,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("debug", [None, "0"])
def test_production_refuses_to_start_when_secret_key_is_missing(tmp_path, debug):
    env = {"DEBUG": debug} if debug is not None else {}
    result = run_hromada(["check"], env, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    # …and the WSGI application (what gunicorn loads) does not come up either.
    wsgi = subprocess.run(
        [sys.executable, "-c", "import hromada.wsgi"],
        env={
            **clean_environment(),
            **env,
            "HROMADA_VAR_DIR": str(tmp_path / "var"),
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wsgi.returncode != 0 and "SECRET_KEY is not set" in wsgi.stderr


def test_development_key_is_random_per_installation_not_a_constant(tmp_path, settings):
    script = "from django.conf import settings; print(settings.SECRET_KEY)"
    keys = []
    for name in ("one", "two"):
        result = run_hromada(
            ["shell", "-v0", "-c", script], {"DEBUG": "1", "HROMADA_VAR_DIR": str(tmp_path / name)}, tmp_path
        )
        assert result.returncode == 0, result.stderr
        keys.append(result.stdout.strip())
        assert (tmp_path / name / "development-secret-key").stat().st_mode & 0o077 == 0
    assert keys[0] != keys[1] and len(keys[0]) >= 50
    assert OLD_CONSTANT_KEY not in keys
    assert settings.SECRET_KEY != OLD_CONSTANT_KEY
    assert OLD_CONSTANT_KEY not in (ROOT / "hromada" / "settings.py").read_text(encoding="utf-8")


def test_confirmation_link_forged_with_the_old_constant_key_is_refused(db):
    """The attack of finding 1: sign a resident's e-mail confirmation with the key from the source."""
    user = User.objects.create_user(username="resident-x", email="victim@example.com", password="pw")
    resident = Resident.objects.create(
        user=user, full_name="Жертва Олена", email="victim@example.com", created_at=timezone.now()
    )
    forger = EmailConfirmationTokenGenerator()
    forger.secret = OLD_CONSTANT_KEY
    token = forger.make_token(user)
    response = Client().get(f"/kabinet/pidtverdzhennia/{uid_of(user)}/{token}/")
    resident.refresh_from_db()
    assert not resident.is_confirmed
    assert response.status_code == 400
    # The password-reset link is signed the same way: a forged one is refused too.
    reset = PasswordResetTokenGenerator()
    reset.secret = OLD_CONSTANT_KEY
    forged = Client().get(f"/kabinet/parol/{uid_of(user)}/{reset.make_token(user)}/")
    assert forged.status_code == 400


def test_check_deploy_has_no_warning_in_the_documented_production_environment(tmp_path):
    env = documented_production_environment()
    assert env.get("SECRET_KEY") and "DEBUG" not in env  # DEBUG off by default
    env["SECRET_KEY"] = "x" * 10 + "-a-real-random-value-made-for-this-test-only-" + os.urandom(16).hex()
    result = run_hromada(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_is_switched_off(tmp_path):
    env = documented_production_environment()
    env.update({"SECRET_KEY": os.urandom(40).hex(), "HROMADA_HTTPS": "0"})
    result = run_hromada(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr + result.stdout


PROBE = """
from django.test import Client
from django.utils import timezone
client = Client()
plain = client.get('/staff/sign-in/')
secure = client.get('/staff/sign-in/', secure=True)
health = client.get('/healthz')
print(plain.status_code, plain.get('Location', ''))
print(secure.status_code, secure.get('Strict-Transport-Security', ''))
print(' '.join(sorted(c for c, m in secure.cookies.items() if m['secure'])))
print(health.status_code)
"""


def test_production_redirects_to_https_and_sets_secure_cookies_and_hsts(tmp_path):
    env = {**documented_production_environment(), "SECRET_KEY": os.urandom(40).hex()}
    env["ALLOWED_HOSTS"] = "testserver"
    migrated = run_hromada(["migrate", "--no-input", "-v0"], env, tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    result = run_hromada(["shell", "-v0", "-c", PROBE], env, tmp_path)
    assert result.returncode == 0, result.stderr
    plain, secure, cookies, health = result.stdout.strip().splitlines()[-4:]
    assert plain == "301 https://testserver/staff/sign-in/"
    assert secure.startswith("200 max-age=31536000") and "includeSubDomains" in secure
    assert "csrftoken" in cookies.split()
    assert health == "200"  # the load balancer's check is not redirected


def test_https_defaults_can_be_switched_off_from_the_environment(tmp_path):
    env = {**documented_production_environment(), "SECRET_KEY": os.urandom(40).hex()}
    env.update({"ALLOWED_HOSTS": "testserver", "HROMADA_HTTPS": "0"})
    run_hromada(["migrate", "--no-input", "-v0"], env, tmp_path)
    result = run_hromada(["shell", "-v0", "-c", PROBE], env, tmp_path)
    assert result.returncode == 0, result.stderr
    plain, secure, cookies, _ = result.stdout.strip().splitlines()[-4:]
    assert plain.startswith("200") and secure.split() == ["200"] and cookies == ""


def test_staff_pages_and_api_answers_are_no_store(db, staff, api):
    client = Client()
    client.force_login(staff["registrar"])
    for url in ("/staff/", "/staff/appeals/", "/staff/sign-in/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
    for response in (api("registrar").get("/appeals"), api(None).get("/appeals")):
        assert "no-store" in response["Cache-Control"]


def test_one_strict_content_security_policy_on_staff_public_and_admin_pages(db, staff):
    client = Client()
    client.force_login(staff["administrator"])
    for url in ("/", "/staff/", "/staff/appeals/", "/admin/", "/peticii/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self';" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url


def test_no_template_has_inline_scripts_handlers_or_styles():
    """What the policy forbids must not be in the templates either (it would silently not work)."""
    offenders = []
    for template in (ROOT / "hromada").rglob("templates/**/*.html"):
        if "/notifications/" in str(template):  # e-mails: mail clients need inline styles, no CSP there
            continue
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+=\"|hx-on[:-]|<style|\sstyle=\"", text):
            offenders.append(f"{template}: inline handler or style")
    assert offenders == []


def test_multipart_body_without_a_boundary_is_a_422_not_a_500(db, api):
    """Found by schemathesis against the live server: Django's parser raised, ninja answered 500."""
    client = api("registrar")
    response = client.client.post(
        "/api/v1/appeals/1/attachments",
        b"--x\r\n",
        content_type="multipart/form-data",
        headers=client.headers,
    )
    assert response.status_code == 422
    assert response.json()[0]["code"] == "multipart_invalid"
