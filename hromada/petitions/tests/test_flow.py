"""The petition's life: draft → moderation → collecting → consideration → answered, and denials."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from hromada.petitions import selectors, services
from hromada.petitions.models import PetitionEvent, PetitionStatus

pytestmark = pytest.mark.django_db


def _actions(petition) -> list[str]:
    return list(PetitionEvent.objects.filter(petition=petition).values_list("action", flat=True))


def test_draft_takes_name_and_email_from_the_account_when_created(draft, author):
    petition = draft()
    assert petition.status == PetitionStatus.DRAFT
    assert (petition.author_name, petition.author_email) == ("Олена Петренко", "olena@example.org")
    assert "ліхтарі" in petition.search_text


def test_create_draft_is_refused_when_the_e_mail_is_not_confirmed(make_resident, now):
    stranger = make_resident(confirmed=False)
    with pytest.raises(PermissionDenied) as exc:
        services.create_petition_draft(author=stranger, title="Т", text="Т", category="transport")
    assert exc.value.code == "unconfirmed" and exc.value.status == 403


def test_create_draft_reports_every_missing_field_in_ukrainian(author, now):
    with pytest.raises(ValidationFailed) as exc:
        services.create_petition_draft(author=author, title=" ", text="", category="no-such")
    assert exc.value.status == 422
    errors = {e.field: str(e.message) for e in exc.value.errors}
    assert errors == {
        "title": "Дайте петиції назву.",
        "text": "Напишіть текст петиції.",
        "category": "Оберіть категорію зі списку.",
    }


def test_update_draft_is_refused_for_another_resident(draft, make_resident):
    petition = draft()
    with pytest.raises(NotFound):
        services.update_petition_draft(
            author=make_resident(), petition_id=petition.pk, title="Інше", text="Інше", category="transport"
        )


def test_update_draft_is_refused_once_on_moderation(draft, author):
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    with pytest.raises(Conflict) as exc:
        services.update_petition_draft(
            author=author, petition_id=petition.pk, title="Нове", text="Нове", category="transport"
        )
    assert exc.value.status == 409


def test_moderator_publishes_with_deadline_and_threshold_from_the_charter(draft, author, staff, rules):
    rules(threshold=100, collection_days=30)
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    petition = services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    assert petition.status == PetitionStatus.COLLECTING
    assert petition.deadline == dt.date(2026, 12, 20)  # 20.11 + 30 calendar days
    assert petition.threshold == 100
    assert _actions(petition) == ["created", "submitted", "published"]
    assert selectors.public_petition(petition.pk) == petition


@pytest.mark.parametrize("who", ["head", "registrar", "administrator", "nobody"])
def test_publish_is_refused_when_the_role_is_not_moderator(draft, author, staff, who):
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    with pytest.raises(PermissionDenied):
        services.publish_petition(actor=staff[who], petition_id=petition.pk)


def test_a_draft_is_not_found_for_the_moderator(draft, staff):
    petition = draft()
    with pytest.raises(NotFound) as exc:
        services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    assert exc.value.status == 404  # a draft exists for its author only


def test_publish_is_refused_when_the_petition_is_already_collecting(collecting, staff):
    petition = collecting()
    with pytest.raises(Conflict) as exc:
        services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    assert exc.value.status == 409


def test_returned_petition_is_edited_and_submitted_again(draft, author, staff):
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    petition = services.return_petition_for_edits(
        actor=staff["moderator"], petition_id=petition.pk, reason="Уточніть адресу"
    )
    assert (petition.status, petition.moderation_reason) == (PetitionStatus.RETURNED, "Уточніть адресу")
    with pytest.raises(NotFound):
        selectors.public_petition(petition.pk)
    services.update_petition_draft(
        author=author,
        petition_id=petition.pk,
        title="Ліхтарі, вул. Миру 1-9",
        text="Текст",
        category="transport",
    )
    petition = services.submit_petition(author=author, petition_id=petition.pk)
    assert petition.status == PetitionStatus.MODERATION and petition.moderation_reason == ""


def test_return_and_refuse_need_a_reason(draft, author, staff):
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    for func in (services.return_petition_for_edits, services.refuse_petition):
        with pytest.raises(ValidationFailed) as exc:
            func(actor=staff["moderator"], petition_id=petition.pk, reason="  ")
        assert (exc.value.errors[0].field, str(exc.value.errors[0].message)) == ("reason", "Вкажіть причину.")


def test_refused_petition_is_public_with_its_reason(draft, author, staff):
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    services.refuse_petition(
        actor=staff["moderator"], petition_id=petition.pk, reason="Не належить до повноважень ради"
    )
    shown = selectors.public_petition(petition.pk)
    assert shown.status == PetitionStatus.REFUSED and shown.moderation_reason.startswith("Не належить")
    with pytest.raises(Conflict):
        services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)


def test_head_answers_a_petition_under_consideration(collecting, make_resident, staff, rules):
    rules(threshold=1)
    petition = collecting()
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    petition = services.answer_petition(
        actor=staff["head"], petition_id=petition.pk, supported=True, text="Ліхтарі встановлять у грудні."
    )
    assert petition.status == PetitionStatus.ANSWERED and petition.answer_supported is True
    assert "грудні" in petition.search_text
    assert _actions(petition)[-2:] == ["threshold_reached", "answered"]


def test_answer_is_refused_for_a_moderator_and_while_collecting(collecting, staff):
    petition = collecting()
    with pytest.raises(PermissionDenied):
        services.answer_petition(
            actor=staff["moderator"], petition_id=petition.pk, supported=True, text="Так"
        )
    with pytest.raises(Conflict) as exc:
        services.answer_petition(actor=staff["head"], petition_id=petition.pk, supported=True, text="Так")
    assert exc.value.code == "wrong_state"


def test_answer_needs_its_text(collecting, staff):
    petition = collecting()
    with pytest.raises(ValidationFailed) as exc:
        services.answer_petition(actor=staff["head"], petition_id=petition.pk, supported=False, text="")
    assert str(exc.value.errors[0].message) == "Напишіть текст відповіді."


def test_draft_keeps_a_pdf_and_refuses_a_disguised_executable(author, now):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%demo\n", content_type="application/pdf")
    petition = services.create_petition_draft(
        author=author, title="План", text="Текст", category="transport", uploads=[pdf]
    )
    assert list(petition.attachments.values_list("original_name", "content_type")) == [
        ("plan.pdf", "application/pdf")
    ]
    exe = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as exc:
        services.update_petition_draft(
            author=author,
            petition_id=petition.pk,
            title="План",
            text="Текст",
            category="transport",
            uploads=[exe],
        )
    assert exc.value.errors[0].field == "attachments" and exc.value.errors[0].code == "type"
    assert petition.attachments.count() == 1


def test_public_list_hides_private_states_and_sorts_by_signatures(collecting, draft, make_resident):
    quiet = collecting("Тиха петиція")
    loud = collecting("Гучна петиція")
    draft("Чернетка")
    for _ in range(2):
        services.sign_petition(signer=make_resident(), petition_id=loud.pk)
    titles = list(selectors.public_petitions(sort="most_signed").values_list("title", flat=True))
    assert titles == ["Гучна петиція", "Тиха петиція"]
    assert list(selectors.public_petitions(q="ТИХА")) == [quiet]
    assert list(selectors.public_petitions(status="draft")) == []
    assert selectors.public_petitions(sort="nearest").first() == loud
