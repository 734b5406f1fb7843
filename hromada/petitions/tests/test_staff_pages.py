"""The staff pages of e-petitions: the list with the role's queue first, the card with the author's
personal data (audited) and each role's actions — moderation, paper signatures, the answer — as
plain forms (PRG on success; a service's refusal on its field with 422, a wrong state with 409).

The helpers here (`resident`, `in_moderation`, …) are imported by the other test_staff_* modules.
Page texts are asserted in Ukrainian: they depend on /tmp/i18n/petitions_staff.json being merged."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.accounts.models import User
from hromada.core.models import AuditEntry
from hromada.petitions import services
from hromada.petitions.models import Petition, PetitionAttachment, PetitionEvent, PetitionStatus
from hromada.residents.models import Resident
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db

NOW = "2026-11-20T10:00:00"  # a Friday
_numbers = itertools.count(1)


# --- helpers shared by the staff tests -------------------------------------------------------------


def resident(name: str = "", email: str = "") -> Resident:
    n = next(_numbers)
    user = User.objects.create_user(username=f"resident{n}", password="pw")
    return Resident.objects.create(
        user=user,
        full_name=name or f"Мешканець Номер {n}",
        email=email or f"resident{n}@example.com",
        email_confirmed_at=kyiv(2026, 1, 1),
        created_at=kyiv(2026, 1, 1),
    )


def in_moderation(title: str = "Відремонтувати сквер", author: Resident | None = None) -> Petition:
    author = author or resident("Коваль Олена Петрівна", f"olena{next(_numbers)}@example.com")
    draft = services.create_petition_draft(
        author=author, title=title, text="Просимо відремонтувати сквер біля школи.", category="communal"
    )
    return services.submit_petition(author=author, petition_id=draft.pk)


def collecting(moderator: User, title: str = "Відремонтувати сквер") -> Petition:
    petition = in_moderation(title)
    return services.publish_petition(actor=moderator, petition_id=petition.pk)


def under_consideration(moderator: User, title: str = "Відремонтувати сквер") -> Petition:
    petition = collecting(moderator, title)
    services.add_paper_signatures(
        actor=moderator, petition_id=petition.pk, count=petition.threshold or 250, protocol="Протокол № 1"
    )
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION
    return petition


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def moderator(staff) -> User:
    return staff["moderator"]


@pytest.fixture
def head(staff) -> User:
    return staff["head"]


# --- who may open the pages ------------------------------------------------------------------------


@pytest.fixture
def pages(moderator):
    petition = collecting(moderator)
    return [
        "/staff/petitions/",
        f"/staff/petitions/{petition.pk}/",
        f"/staff/petitions/{petition.pk}/fraud/",
    ]


def test_anonymous_is_sent_to_sign_in_when_opening_staff_petition_pages(pages):
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 302 and "/staff/sign-in/" in response["Location"], url


@pytest.mark.parametrize("who", ["registrar", "controller", "executor_communal", "administrator", "nobody"])
def test_other_roles_are_refused_when_opening_staff_petition_pages(pages, staff, who):
    for url in pages:
        assert client_for(staff[who]).get(url).status_code == 403, url


def test_a_resident_is_refused_when_opening_staff_petition_pages(pages):
    someone = resident()
    for url in pages:
        assert client_for(someone.user).get(url).status_code == 403, url


def test_head_is_refused_the_fraud_page_but_opens_list_and_card(pages, head):
    client = client_for(head)
    assert client.get(pages[0]).status_code == 200
    assert client.get(pages[1]).status_code == 200
    assert client.get(pages[2]).status_code == 403


# --- the list --------------------------------------------------------------------------------------


def test_moderator_sees_the_moderation_queue_first_with_its_term(client, moderator):
    waiting = in_moderation("Освітлення вулиці Зеленої")
    collecting(moderator, "Новий майданчик")
    response = client_for(moderator).get("/staff/petitions/")
    assert response.status_code == 200
    page = text_of(response)
    queue = page[page.index('id="petition-queue-heading"') : page.index('id="petition-results-heading"')]
    assert "Черга модерації" in queue  # the queue's section comes first
    assert "Освітлення вулиці Зеленої" in queue and "Новий майданчик" not in queue
    assert f"модерувати до {waiting.moderation_due:%d.%m.%Y}" in page
    assert "прострочено" not in page


def test_list_says_overdue_in_words_when_the_moderation_term_has_passed(moderator, settings):
    waiting = in_moderation()
    assert waiting.moderation_due is not None
    settings.HROMADA_NOW = dt.datetime.combine(
        waiting.moderation_due + dt.timedelta(days=1), dt.time(9)
    ).isoformat()
    page = text_of(client_for(moderator).get("/staff/petitions/"))
    assert re.search(
        rf'<span class="overdue">модерувати до {waiting.moderation_due:%d\.%m\.%Y}</span> '
        r'<span class="badge badge-overdue">прострочено</span>',
        page,
    )


def test_head_sees_petitions_to_answer_with_answer_by(moderator, head):
    petition = under_consideration(moderator, "Зупинка біля ринку")
    in_moderation("Ще не оприлюднена")
    page = text_of(client_for(head).get("/staff/petitions/"))
    queue = page[page.index('id="petition-queue-heading"') : page.index('id="petition-results-heading"')]
    assert "Очікують відповіді ради" in queue
    assert "Зупинка біля ринку" in queue
    assert f"відповісти до {petition.answer_due:%d.%m.%Y}" in page


def test_list_filters_by_status_tab_and_search(moderator):
    collecting(moderator, "Велодоріжка на набережній")
    in_moderation("Лавки у парку")
    client = client_for(moderator)
    page = text_of(client.get("/staff/petitions/", {"status": "collecting"}))
    assert "Велодоріжка на набережній" in page and "Лавки у парку" not in page
    page = text_of(client.get("/staff/petitions/", {"q": "лавки"}))
    assert "Лавки у парку" in page and "Велодоріжка" not in page
    assert client.get("/staff/petitions/", {"status": "nonsense"}).status_code == 400


def test_list_query_count_stays_flat_when_there_are_many_petitions(moderator, django_assert_max_num_queries):
    for i in range(12):
        in_moderation(f"Петиція {i}")
    for i in range(3):
        collecting(moderator, f"Збір {i}")
    client = client_for(moderator)
    with django_assert_max_num_queries(8):
        response = client.get("/staff/petitions/")
    assert response.status_code == 200
    assert "Петиція 11" in response.content.decode()


# --- the card --------------------------------------------------------------------------------------


def test_card_shows_author_counts_dates_and_journal_and_audits_the_view(moderator):
    petition = collecting(moderator)
    response = client_for(moderator).get(f"/staff/petitions/{petition.pk}/")
    assert response.status_code == 200
    page = text_of(response)
    assert petition.author_name in page and petition.author_email in page
    assert f"{petition.deadline:%d.%m.%Y}" in page
    assert "Оприлюднено для збору підписів" in page  # the journal's entry
    entry = AuditEntry.objects.get(action="petitions.read")
    assert (entry.actor, entry.object_type, entry.object_id) == (moderator, "petition", str(petition.pk))


def test_card_of_a_draft_is_not_found(moderator):
    author = resident()
    draft = services.create_petition_draft(author=author, title="Чернетка", text="Текст", category="communal")
    assert client_for(moderator).get(f"/staff/petitions/{draft.pk}/").status_code == 404
    assert client_for(moderator).get("/staff/petitions/999999/").status_code == 404


def test_card_offers_each_role_only_its_own_actions(moderator, head):
    waiting = in_moderation()
    considering = under_consideration(moderator, "Друга")
    moderator_page = client_for(moderator).get(f"/staff/petitions/{waiting.pk}/").content.decode()
    assert 'id="action-publish"' in moderator_page and 'id="action-refuse"' in moderator_page
    head_page = client_for(head).get(f"/staff/petitions/{waiting.pk}/").content.decode()
    assert 'id="action-publish"' not in head_page
    head_page = client_for(head).get(f"/staff/petitions/{considering.pk}/").content.decode()
    assert 'id="action-answer"' in head_page and 'enctype="multipart/form-data"' in head_page
    moderator_page = client_for(moderator).get(f"/staff/petitions/{considering.pk}/").content.decode()
    assert 'id="action-answer"' not in moderator_page


def test_moderator_publishes_and_is_redirected_to_the_card(moderator):
    petition = in_moderation()
    response = client_for(moderator).post(f"/staff/petitions/{petition.pk}/publish/")
    assert response.status_code == 302 and response["Location"] == f"/staff/petitions/{petition.pk}/"
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.COLLECTING and petition.moderated_by == moderator


def test_return_without_a_reason_shows_the_error_on_the_field_and_changes_nothing(moderator):
    petition = in_moderation()
    response = client_for(moderator).post(f"/staff/petitions/{petition.pk}/return/", {"reason": "  "})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_return_reason_error"' in page and "<details" in page and " open>" in page
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.MODERATION


def test_moderator_returns_for_edits_with_a_reason(moderator):
    petition = in_moderation()
    response = client_for(moderator).post(
        f"/staff/petitions/{petition.pk}/return/", {"reason": "Уточніть адресу скверу."}
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.moderation_reason) == (
        PetitionStatus.RETURNED,
        "Уточніть адресу скверу.",
    )


def test_moderator_refuses_and_the_card_shows_the_public_reason(moderator):
    petition = in_moderation()
    client = client_for(moderator)
    response = client.post(
        f"/staff/petitions/{petition.pk}/refuse/", {"reason": "Питання не належить до повноважень ради."}
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REFUSED
    page = text_of(client.get(f"/staff/petitions/{petition.pk}/"))
    assert "Питання не належить до повноважень ради." in page


def test_publishing_twice_is_a_conflict_shown_on_the_card(moderator):
    petition = collecting(moderator)
    response = client_for(moderator).post(f"/staff/petitions/{petition.pk}/publish/")
    assert response.status_code == 409
    assert "form-errors" in response.content.decode()


def test_head_cannot_moderate_and_moderator_cannot_answer(moderator, head):
    waiting = in_moderation()
    considering = under_consideration(moderator, "Друга")
    assert client_for(head).post(f"/staff/petitions/{waiting.pk}/publish/").status_code == 403
    assert (
        client_for(head)
        .post(f"/staff/petitions/{considering.pk}/paper/", {"count": 5, "protocol": "П"})
        .status_code
        == 403
    )
    answer = {"supported": "yes", "text": "Підтримано."}
    assert client_for(moderator).post(f"/staff/petitions/{considering.pk}/answer/", answer).status_code == 403
    waiting.refresh_from_db()
    considering.refresh_from_db()
    assert waiting.status == PetitionStatus.MODERATION and considering.status == PetitionStatus.CONSIDERATION


def test_moderator_adds_paper_signatures_to_the_total(moderator):
    petition = collecting(moderator)
    client = client_for(moderator)
    response = client.post(
        f"/staff/petitions/{petition.pk}/paper/", {"count": 40, "protocol": "Протокол № 7 від 19.11.2026"}
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.paper_count, petition.total_count) == (40, 40)
    page = text_of(client.get(f"/staff/petitions/{petition.pk}/"))
    assert "Протокол № 7 від 19.11.2026" in page


def test_paper_signatures_need_a_positive_count_and_a_protocol(moderator):
    petition = collecting(moderator)
    response = client_for(moderator).post(
        f"/staff/petitions/{petition.pk}/paper/", {"count": 0, "protocol": " "}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_paper_count_error"' in page and 'id="id_paper_protocol_error"' in page
    petition.refresh_from_db()
    assert petition.paper_count == 0


def test_paper_signatures_reaching_the_threshold_put_the_petition_under_consideration(moderator):
    petition = collecting(moderator)
    client_for(moderator).post(f"/staff/petitions/{petition.pk}/paper/", {"count": 250, "protocol": "П-1"})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION and petition.answer_due is not None


def test_paper_signatures_when_not_collecting_are_a_conflict(moderator):
    petition = in_moderation()
    response = client_for(moderator).post(
        f"/staff/petitions/{petition.pk}/paper/", {"count": 3, "protocol": "П"}
    )
    assert response.status_code == 409


def test_head_answers_with_a_decision_link_and_a_file(moderator, head):
    petition = under_consideration(moderator)
    upload = SimpleUploadedFile(
        "rishennia.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "application/pdf"
    )
    client = client_for(head)
    response = client.post(
        f"/staff/petitions/{petition.pk}/answer/",
        {
            "supported": "yes",
            "text": "Рада підтримує петицію: сквер відремонтують у 2027 році.",
            "decision_url": "https://rada.example.gov.ua/rishennia/15",
            "uploads": [upload],
        },
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED and petition.answer_supported is True
    assert petition.answer_decision_url == "https://rada.example.gov.ua/rishennia/15"
    attachment = PetitionAttachment.objects.get(petition=petition, part=PetitionAttachment.Part.ANSWER)
    page = text_of(client.get(f"/staff/petitions/{petition.pk}/"))
    assert "сквер відремонтують у 2027 році" in page and "rishennia.pdf" in page
    download = client.get(f"/staff/petitions/{petition.pk}/files/{attachment.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert PetitionEvent.objects.filter(petition=petition, action="answered").exists()


def test_answer_without_a_decision_or_text_shows_field_errors(moderator, head):
    petition = under_consideration(moderator)
    response = client_for(head).post(f"/staff/petitions/{petition.pk}/answer/", {"supported": "", "text": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_answer_supported_error"' in page
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION


def test_answer_text_missing_comes_from_the_service_on_its_field(moderator, head):
    petition = under_consideration(moderator)
    response = client_for(head).post(
        f"/staff/petitions/{petition.pk}/answer/", {"supported": "no", "text": "  "}
    )
    assert response.status_code == 422
    assert 'id="id_answer_text_error"' in response.content.decode()


def test_a_file_of_another_petition_is_not_found(moderator, head):
    petition = under_consideration(moderator)
    other = collecting(moderator, "Інша")
    services.answer_petition(
        actor=head,
        petition_id=petition.pk,
        supported=False,
        text="Ні.",
        uploads=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")],
    )
    attachment = PetitionAttachment.objects.get(petition=petition)
    assert client_for(head).get(f"/staff/petitions/{other.pk}/files/{attachment.pk}/").status_code == 404
