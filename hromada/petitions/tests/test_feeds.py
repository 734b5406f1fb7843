"""Feeds (RSS, Atom) and open data (annex 34 of resolution 835) of e-petitions: they parse, carry the
right items, the open data columns are exactly the annex's, and no e-mail or address is published."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.test import Client

from hromada.core.models import CouncilSettings
from hromada.petitions import services
from hromada.petitions.models import PetitionStatus
from hromada.petitions.tests.public_support import (
    author_fixture,  # noqa: F401  (the fixture "author")
    charter,
    make_resident,
    published,
    set_state,
    signer_fixture,  # noqa: F401  (the fixture "signer")
)

pytestmark = pytest.mark.django_db
ANNEX = Path("/work/shared/reference/open-data-835")
if not ANNEX.exists():  # a checkout without the shared folder: the annex copy in the repository, if any
    ANNEX = Path(__file__).resolve().parents[3] / "docs" / "reference" / "open-data-835"
ATOM = "{http://www.w3.org/2005/Atom}"


def annex_names(name: str) -> list[str]:
    schema = json.loads((ANNEX / f"annex-34-{name}.json").read_text(encoding="utf-8"))
    return [c["name"] for c in schema["tableSchema"]["columns"]]


@pytest.fixture
def world(staff, author, signer):
    charter(threshold=1)
    council = CouncilSettings.load()
    council.council_name, council.edrpou = "Житомирська міська рада", "04053625"
    council.save()
    CouncilSettings.forget()
    collecting = set_state(published(staff, author, "Ліхтарі на вулиці Липовій"), threshold=250)
    answered = published(staff, author, "Сквер замість парковки")
    services.sign_petition(signer=signer, petition_id=answered.pk)
    services.answer_petition(
        actor=staff["head"], petition_id=answered.pk, supported=False, text="Коштів немає."
    )
    draft = services.create_petition_draft(
        author=author, title="Таємна чернетка", text="Текст", category="communal"
    )
    return {"collecting": collecting, "answered": answered, "draft": draft}


def test_rss_and_atom_list_new_petitions_and_answers(world):
    rss = ET.fromstring(Client().get("/peticii/rss/").content)
    titles = [i.findtext("title") for i in rss.iter("item")]
    assert set(titles) == {"Ліхтарі на вулиці Липовій", "Сквер замість парковки"}
    atom = ET.fromstring(Client().get("/peticii/atom/").content)
    assert atom.tag == f"{ATOM}feed" and len(atom.findall(f"{ATOM}entry")) == 2
    answers = ET.fromstring(Client().get("/peticii/vidpovidi/atom/").content)
    (entry,) = answers.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title", "").startswith("Сквер замість парковки")
    link = entry.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href", "").endswith(f"/peticii/{world['answered'].pk}/#answer")
    ET.fromstring(Client().get("/peticii/vidpovidi/rss/").content)
    for url in ("/peticii/rss/", "/peticii/atom/", "/peticii/vidpovidi/rss/", "/peticii/vidpovidi/atom/"):
        body = Client().get(url).content.decode()
        assert "Таємна чернетка" not in body and "@example.com" not in body and "ukr.net" not in body


def _csv(url: str) -> list[list[str]]:
    response = Client().get(url)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8"))))


def _json(url: str) -> list[dict[str, str]]:
    response = Client().get(url)
    assert response.status_code == 200 and response.streaming
    return json.loads(response.getvalue().decode("utf-8"))


def test_petitions_open_data_has_the_annex_columns_and_public_rows_only(world):
    names = annex_names("petitions")
    header, *rows = _csv("/peticii/open-data/petitions.csv")
    assert header == names
    assert len(rows) == 2
    items = _json("/peticii/open-data/petitions.json")
    assert [list(item) for item in items] == [names, names]
    answered = next(i for i in items if i["title"] == "Сквер замість парковки")
    assert answered["authorityName"] == "Житомирська міська рада" and answered["authorityId"] == "04053625"
    assert answered["count"] == "1" and answered["creator"] == "Петренко Олена Іванівна"
    assert answered["answerText"] == "Коштів немає." and answered["answerDate"]
    assert answered["url"].startswith("http") and answered["uid"].endswith(f"-{world['answered'].pk}")
    assert answered["status"] == "з відповіддю" or answered["status"]  # status label: translation
    text = json.dumps(items, ensure_ascii=False)
    assert "Таємна чернетка" not in text and "@example.com" not in text and "Таємна, 13" not in text


def test_votings_open_data_has_the_annex_columns_and_valid_signatures(world, staff):
    names = annex_names("votings")
    gone = make_resident("gone@example.com", "Відкликаний Підписант")
    services.sign_petition(signer=gone, petition_id=world["collecting"].pk)
    services.withdraw_signature(signer=gone, petition_id=world["collecting"].pk)
    header, *rows = _csv("/peticii/open-data/votings.csv")
    assert header == names
    assert [r[1] for r in rows] == ["Коваль Іван Петрович"]
    (item,) = _json("/peticii/open-data/votings.json")
    assert list(item) == names and item["motionTitle"] == "Сквер замість парковки"
    petitions = _json("/peticii/open-data/petitions.json")
    assert item["motionUid"] in {p["uid"] for p in petitions}
    assert "ukr.net" not in json.dumps(item)


def test_refused_petition_is_in_open_data_without_start_date(world, staff, author):
    draft = world["draft"]
    services.submit_petition(author=author, petition_id=draft.pk)
    services.refuse_petition(
        actor=staff["moderator"], petition_id=draft.pk, reason="Не належить до повноважень."
    )
    set_state(world["collecting"], status=PetitionStatus.CLOSED)
    items = {i["title"]: i for i in _json("/peticii/open-data/petitions.json")}
    assert items["Таємна чернетка"]["startDate"] == "" and items["Таємна чернетка"]["answerText"] == ""


EVIL_TITLE = '=HYPERLINK("http://evil","x")'
EVIL_NAME = "+cmd|' /C calc'!A0"


def test_open_data_csv_holds_no_live_formula_when_a_title_and_a_name_are_formulas(world, staff, author):
    from hromada.core.tests.test_tabular import live_formulas

    evil = published(staff, author, EVIL_TITLE, text="@SUM(1+1)*cmd|' /C calc'!A0 — текст петиції")
    # Sign-up refuses such a ПІБ now; a name from an identity provider or an older account is not checked.
    signer = make_resident("evil@example.com", "Зловмисник Іван", full_name=EVIL_NAME)
    services.sign_petition(signer=signer, petition_id=evil.pk)

    _header, *petitions = _csv("/peticii/open-data/petitions.csv")
    row = next(r for r in petitions if r[2].endswith(EVIL_TITLE))
    assert row[2] == "'" + EVIL_TITLE  # kept as text, with the apostrophe a spreadsheet shows as text
    assert row[4].startswith("'@SUM")
    _header, *votings = _csv("/peticii/open-data/votings.csv")
    vote = next(r for r in votings if r[1].endswith(EVIL_NAME))
    assert vote == [vote[0], "'" + EVIL_NAME, "'" + EVIL_TITLE, vote[3]]
    assert live_formulas(c for r in petitions + votings for c in r) == []
    # JSON is not a spreadsheet: the text there is exactly what was written.
    assert any(i["title"] == EVIL_TITLE for i in _json("/peticii/open-data/petitions.json"))
