"""import_appeals: contact-center batches, all-or-nothing, idempotent, every bad line reported."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from hromada.appeals.models import Appeal, AppealEvent, Applicant, Issue
from hromada.testing import appeal_body


def jsonl(*bodies) -> str:
    return "\n".join(b if isinstance(b, str) else json.dumps(b, ensure_ascii=False) for b in bodies) + "\n"


def card(n: int, **overrides):
    body = appeal_body(channel="gov_hotline", external_id=f"УКЦ-{n}", received_at="2026-11-10T09:00:00")
    body["applicants"] = [{"name": f"Мельник Особа{n}", "phone": f"+3806700000{n:02d}"}]
    body.update(overrides)
    return body


def run(tmp_path, content: str, *args: str, name: str = "batch.jsonl"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_appeals", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_a_batch_and_loading_it_again_adds_nothing(tmp_path, staff):
    content = jsonl(*(card(n) for n in range(1, 6)))
    out, _err = run(tmp_path, content, "--actor", "registrar")
    assert "імпортовано 5 звернень" in out
    assert Appeal.objects.count() == 5
    assert set(Appeal.objects.values_list("registered_by__username", flat=True)) == {"registrar"}
    out, _err = run(tmp_path, content)
    assert "імпортовано 0 звернень" in out and "уже зареєстровано: 5" in out
    assert Appeal.objects.count() == 5 and AppealEvent.objects.count() == 5


def test_same_card_twice_in_one_file_is_imported_once(tmp_path, db):
    run(tmp_path, jsonl(card(1), card(1)))
    assert Appeal.objects.count() == 1


def test_invalid_file_imports_nothing_and_reports_every_bad_line(tmp_path, db):
    content = jsonl(
        card(1),
        "{not json",
        card(3, issues=[{"topic": "unknown_topic", "text": "x"}]),
        card(4),
        card(5, channel="web", applicants=[{"name": "Без Пошти"}]),
        card(6, signatories="many"),
        *(card(n) for n in range(7, 2600)),  # more than one batch after the first error
        card(2600, kind="nope"),
    )
    with pytest.raises(CommandError, match="Нічого не імпортовано"):
        run(tmp_path, content)
    assert Appeal.objects.count() == Applicant.objects.count() == Issue.objects.count() == 0
    assert AppealEvent.objects.count() == 0


def test_bad_lines_are_reported_with_their_numbers(tmp_path, db):
    content = jsonl(
        card(1), "{not json", card(3, issues=[{"topic": "unknown_topic"}]), card(4, signatories="x")
    )
    path = tmp_path / "b.jsonl"
    path.write_text(content, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_appeals", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("рядок 2: ") and "JSON" in line for line in lines)
    assert any(line.startswith("рядок 3: issues.0.topic") for line in lines)
    assert any(line.startswith("рядок 4: signatories: Введіть ціле число") for line in lines)


def test_errors_found_after_the_first_bad_batch_are_still_reported(tmp_path, db):
    content = jsonl(card(1, kind="nope"), *(card(n) for n in range(2, 2200)), card(2200, channel="pigeon"))
    path = tmp_path / "b.jsonl"
    path.write_text(content, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_appeals", str(path), stdout=io.StringIO(), stderr=err)
    assert "рядок 1: kind" in err.getvalue() and "рядок 2200: channel" in err.getvalue()


def test_skip_invalid_keeps_the_good_lines(tmp_path, db):
    out, err = run(tmp_path, jsonl(card(1), card(2, kind="nope"), card(3)), "--skip-invalid")
    assert Appeal.objects.count() == 2
    assert "рядок 2: kind" in err and "з помилками: 1" in out


def test_csv_uses_the_same_names_with_applicant_columns_and_semicolon_lists(tmp_path, db):
    content = (
        "channel,received_at,kind,external_id,applicant_name,applicant_address,applicant_phone,"
        "applicant_categories,issue_topics,issue_texts,summary,signatories\n"
        "regional_hotline,2026-11-10T10:00:00,complaint,РКЦ-9,Шевчук Ганна Іванівна,вул. Миру 3,0501112233,"
        'combatant;large_family,communal;transport,"Немає води\\; зовсім;Не ходить автобус",Вода,1\n'
    )
    run(tmp_path, content, name="cards.csv")
    appeal = Appeal.objects.get()
    assert (appeal.channel_id, appeal.external_id, appeal.priority, appeal.number) == (
        "regional_hotline",
        "РКЦ-9",
        True,
        "Ш-1",
    )
    issues = list(appeal.issues.values_list("topic_id", "text"))
    assert issues == [("communal", "Немає води; зовсім"), ("transport", "Не ходить автобус")]
    applicant = appeal.applicants.get()
    assert set(applicant.categories.values_list("code", flat=True)) == {"combatant", "large_family"}


def test_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No file"):
        call_command("import_appeals", "/nonexistent/batch.jsonl")
