"""Ukrainian first: every message has a Ukrainian translation, plurals agree, English is a switch away."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE = Path(__file__).resolve().parents[2] / "locale"
UK_PO = LOCALE / "uk" / "LC_MESSAGES" / "django.po"


def _entries(po: str) -> list[str]:
    return [e for e in po.split("\n\n") if re.search(r'^msgid "(.+)"', e, re.M) or 'msgid ""\n"' in e]


def _msgstrs(entry: str) -> list[str]:
    """Each msgstr (or msgstr[n]) of a catalogue entry, its wrapped continuation lines joined."""
    values: list[str] = []
    current: list[str] | None = None
    for line in entry.splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1].strip('"')]
            values.append("")
        elif current is not None and line.startswith('"'):
            current.append(line.strip('"'))
        else:
            continue
        values[-1] = "".join(current)
    return values


def test_every_message_has_a_ukrainian_translation():
    po = UK_PO.read_text(encoding="utf-8")
    untranslated = [
        e.splitlines()[0]
        for e in _entries(po)
        if not _msgstrs(e) or (not all(_msgstrs(e)) and "#, fuzzy" not in e)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in po


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (Debian package gettext) is not installed")
def test_compiled_catalogue_is_fresh(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(UK_PO)], check=True)
    assert fresh.read_bytes() == (UK_PO.with_suffix(".mo")).read_bytes(), "run `make messages`"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 рядок"),
        (3, "3 рядки"),
        (5, "5 рядків"),
        (11, "11 рядків"),
        (21, "21 рядок"),
        (22, "22 рядки"),
        (112, "112 рядків"),
    ],
)
def test_ukrainian_plurals_agree_with_the_number(n, expected):
    with translation.override("uk"):
        assert ngettext("%(n)d line", "%(n)d lines", n) % {"n": n} == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "1 звернення"), (3, "3 звернення"), (5, "5 звернень"), (21, "21 звернення")]
)
def test_appeal_counts_agree(n, expected):
    with translation.override("uk"):
        text = ngettext("%(n)d appeal imported", "%(n)d appeals imported", n) % {"n": n}
    assert text == f"імпортовано {expected}"


def test_ukrainian_is_the_default_and_english_the_second_language():
    assert gettext("Appeal not found.") == "Звернення не знайдено."
    with translation.override("en"):
        assert gettext("Appeal not found.") == "Appeal not found."
