"""The e-mails of the petition workflow, received on a real SMTP server."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Role
from hromada.core.errors import Conflict
from hromada.petitions import services
from hromada.testing import make_user

pytestmark = pytest.mark.django_db

AUTHOR = "olena@example.org"


def _run(capture, func, **kwargs):
    with capture(execute=True):
        return func(**kwargs)


def test_author_is_told_of_publication_with_the_public_link(
    draft, author, staff, smtp, worker, django_capture_on_commit_callbacks, settings
):
    settings.HROMADA_PUBLIC_URL = "https://rada.example.ua"
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    _run(
        django_capture_on_commit_callbacks,
        services.publish_petition,
        actor=staff["moderator"],
        petition_id=petition.pk,
    )
    worker()
    (mail,) = smtp.to(AUTHOR)
    assert f"№ {petition.pk}" in mail.subject or str(petition.pk) in mail.subject
    assert f"https://rada.example.ua/peticii/{petition.pk}/" in mail.text
    assert "19.01.2027" in mail.text and "Шановна пані Олено!" in mail.text


@pytest.mark.parametrize("func", ["return_petition_for_edits", "refuse_petition"])
def test_author_receives_the_moderators_reason(
    draft, author, staff, smtp, worker, django_capture_on_commit_callbacks, func
):
    petition = draft()
    services.submit_petition(author=author, petition_id=petition.pk)
    _run(
        django_capture_on_commit_callbacks,
        getattr(services, func),
        actor=staff["moderator"],
        petition_id=petition.pk,
        reason="Петиція не стосується повноважень ради",
    )
    worker()
    (mail,) = smtp.to(AUTHOR)
    assert "Петиція не стосується повноважень ради" in mail.text
    assert "Петиція не стосується повноважень ради" in mail.html


def test_threshold_reached_tells_the_author_every_active_head_and_the_council_address(
    collecting, make_resident, staff, rules, council, smtp, worker, django_capture_on_commit_callbacks
):
    rules(threshold=2)
    council(letterhead_email="rada@example.ua")
    staff["head"].email = "head@example.ua"
    staff["head"].save()
    retired = make_user("retired_head", Role.HEAD)
    retired.email, retired.is_active = "retired@example.ua", False
    retired.save()
    petition = collecting()
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    smtp.clear()
    _run(
        django_capture_on_commit_callbacks,
        services.sign_petition,
        signer=make_resident(),
        petition_id=petition.pk,
    )
    worker()
    assert len(smtp.to(AUTHOR)) == 1
    (to_head,) = smtp.to("head@example.ua")
    assert "04.12.2026" in to_head.text  # answer due: +10 working days from Friday 20.11.2026
    assert len(smtp.to("rada@example.ua")) == 1
    assert smtp.to("retired@example.ua") == []


def test_answer_goes_to_the_author_and_signatories_who_asked_for_it(
    collecting, make_resident, staff, rules, smtp, worker, django_capture_on_commit_callbacks
):
    rules(threshold=3)
    petition = collecting()
    follower = make_resident("Петро Сидоренко", email="petro@example.org")
    services.sign_petition(signer=follower, petition_id=petition.pk, wants_updates=True)
    services.sign_petition(signer=make_resident(email="quiet@example.org"), petition_id=petition.pk)
    services.sign_petition(
        signer=make_resident(email="late@example.org"), petition_id=petition.pk, wants_updates=True
    )
    smtp.clear()
    _run(
        django_capture_on_commit_callbacks,
        services.answer_petition,
        actor=staff["head"],
        petition_id=petition.pk,
        supported=False,
        text="Коштів у бюджеті 2027 року немає.",
        decision_url="https://rada.example.ua/rishennia/15",
    )
    worker()
    for address in (AUTHOR, "petro@example.org", "late@example.org"):
        (mail,) = smtp.to(address)
        assert "Коштів у бюджеті 2027 року немає." in mail.text
        assert "https://rada.example.ua/rishennia/15" in mail.text
    assert "Шановний пане Петре!" in smtp.to("petro@example.org")[0].text
    assert smtp.to("quiet@example.org") == []


def test_nothing_is_sent_when_the_step_is_refused(
    draft, staff, smtp, worker, django_capture_on_commit_callbacks
):
    petition = draft()
    services.submit_petition(author=petition.author, petition_id=petition.pk)
    services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    worker()
    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    worker()
    assert smtp.messages == []
