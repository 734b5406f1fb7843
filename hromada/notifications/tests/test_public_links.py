"""Links in letters follow the address the council serves on: HROMADA_PUBLIC_URL, which `make run`
sets from its HOST and PORT (README: "Another port or address")."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from hromada.notifications.services import public_url

ROOT = Path(__file__).resolve().parents[3]


def test_links_are_made_from_the_public_address(settings):
    settings.HROMADA_PUBLIC_URL = "http://127.0.0.1:8080/"
    assert public_url("/track/") == "http://127.0.0.1:8080/track/"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_on_another_port_gives_the_worker_and_the_server_that_address():
    recipe = subprocess.run(
        ["make", "-n", "run", "PORT=8081", "HOST=0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'HROMADA_PUBLIC_URL="${HROMADA_PUBLIC_URL:-http://0.0.0.0:8081}"' in recipe
    assert "runserver 0.0.0.0:8081" in recipe
    assert "filebased.EmailBackend" in recipe
