"""One scenario of private objects, the principals who probe them, and the one entitlement table.

Built once per test module (see conftest.py) through the apps' own services, so that the objects are
in the states the real flows leave them in. Every object carries *markers*: distinctive strings
(a name, a phone, an e-mail, an address, a text) that must never appear in an answer to someone who
may not see the object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import Department, Role, User
from hromada.accounts.services import create_user
from hromada.appeals.models import Appeal
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services import file_e_appeal
from hromada.appeals.services.registration import register_appeal
from hromada.appeals.services.workflow import add_attachment, request_extension, resolve_appeal
from hromada.core import clock
from hromada.petitions import services as petitions
from hromada.petitions.models import PetitionAttachment
from hromada.residents.models import Resident
from hromada.security.tests import scenario_kindergarten as kindergarten
from hromada.security.tests import scenario_receptions as receptions
from hromada.security.tests.scenario_records import other_records
from hromada.testing import token_for

ANONYMOUS = "anonymous"
RESIDENT_A = "resident_a"
RESIDENT_B = "resident_b"
#: Staff principals: every role, both executors, and an account without a role.
STAFF = (
    "registrar",
    "head",
    "controller",
    "executor_communal",
    "executor_social",
    "moderator",
    "administrator",
    "cnap",
    "education_officer",
    "nobody",
)
RESIDENTS = (RESIDENT_A, RESIDENT_B)
PRINCIPALS = (ANONYMOUS, *RESIDENTS, *STAFF)
EVERYONE = frozenset(PRINCIPALS)

#: Where a URL belongs: the staff workspace (and staff API) or the residents' portal (and public API).
STAFF_FACE = "staff"
PORTAL_FACE = "portal"


@dataclass(frozen=True)
class Access:
    """Who may see an object, per face. A staff account sees nothing through the portal that an
    anonymous visitor does not, and a resident nothing through the staff pages."""

    staff: frozenset[str] = frozenset()
    portal: frozenset[str] = frozenset()

    def allows(self, principal: str, face: str) -> bool:
        return principal in (self.staff if face == STAFF_FACE else self.portal)


def _access(staff: Iterable[str] | str = (), portal: Iterable[str] | str = ()) -> Access:
    """An entry written as sets of principals or "everyone" (the other apps' modules use this)."""
    return Access(*(EVERYONE if v == "everyone" else frozenset(v) for v in (staff, portal)))


#: THE entitlement table. Read it as "who may see this object at all"; what they may do with it is
#: the apps' own business (the probes only ask that the entitled get no 5xx).
ENTITLED: dict[str, Access] = {
    # Led by the communal department: the register's roles and that department's executor.
    "appeal_communal": Access(staff=frozenset({"registrar", "head", "controller", "executor_communal"})),
    # Filed on the portal by resident A, not resolved yet: the register's roles; A in the cabinet.
    "appeal_portal": Access(
        staff=frozenset({"registrar", "head", "controller"}), portal=frozenset({RESIDENT_A})
    ),
    # A's draft: A's alone ("not found" for staff too).
    "petition_draft": Access(portal=frozenset({RESIDENT_A})),
    # Under moderation: the moderator and the head; A in the cabinet.
    "petition_moderation": Access(staff=frozenset({"moderator", "head"}), portal=frozenset({RESIDENT_A})),
    # Published, collecting: everyone on the portal; the moderator and the head on the staff side.
    "petition_collecting": Access(staff=frozenset({"moderator", "head"}), portal=EVERYONE),
    # A file of the petition under moderation: as the petition.
    "attachment_moderation": Access(staff=frozenset({"moderator", "head"}), portal=frozenset({RESIDENT_A})),
    # A scan staff attached to the communal appeal, and the file A sent with the e-appeal: as their appeals.
    "attachment_communal": Access(staff=frozenset({"registrar", "head", "controller", "executor_communal"})),
    "attachment_portal": Access(
        staff=frozenset({"registrar", "head", "controller"}), portal=frozenset({RESIDENT_A})
    ),
    # A moderator's invalidation of signatures of the collecting petition: the moderator's tool.
    "invalidation": Access(staff=frozenset({"moderator"})),
    # Not yet published: the moderator only (the head and executors see published questions).
    "question_new": Access(staff=frozenset({"moderator"})),
    # A legal-help consultation not yet published: its editors.
    "consultation_draft": Access(staff=frozenset({"moderator", "administrator"})),
    # The registrar's own saved filter of the appeal list.
    "saved_filter": Access(staff=frozenset({"registrar"})),
    # The registrar's own web import (its report names applicants of the batch): the uploader and heads.
    "import_job": Access(staff=frozenset({"registrar", "head"})),
    # The reports (aggregates of the register).
    "report": Access(staff=frozenset({"registrar", "head", "controller"})),
    # A's uid with a token that is not A's: nobody gets in with it.
    "forged_link": Access(),
    # The administration: its own sign-in, the administrator only.
    "admin": Access(staff=frozenset({"administrator"})),
    # Whatever is public (a list, a format, a sign-in link with a forged token): no object behind it.
    "public": Access(staff=EVERYONE, portal=EVERYONE),
    **{key: _access(**rules) for key, rules in receptions.ACCESS.items()},
    **{key: _access(**rules) for key, rules in kindergarten.ACCESS.items()},
}


@dataclass
class Scenario:
    users: dict[str, User]
    residents: dict[str, Resident]
    departments: dict[str, Department]
    ids: dict[str, int]
    #: object key → the strings that must not reach someone not entitled to it.
    markers: dict[str, list[str]]
    #: Extra values a URL kwarg may take (tracking numbers, uid of A, formats).
    values: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, principal: str) -> Client:
        """A browser session of the principal (a fresh client: nothing carries over)."""
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="uk")
        if principal in self.users:
            client.force_login(self.users[principal])
        elif principal in self.residents:
            client.force_login(self.residents[principal].user)
        return client

    def token(self, principal: str) -> str:
        """Made with the scenario: a token made inside a test would be rolled back with it."""
        return self.tokens[principal]


# Distinctive personal data: nothing else in the system spells these.
APPLICANT = {
    "name": "Зорянська-Проба Євдокія Харитонівна",
    "phone": "+380509871234",
    "email": "zorianska.proba@secret-mail.example",
    "address": "вул. Потаємна Перевірочна, 713, кв. 29",
}
APPEAL_TEXT = "Прошу перевірити підвал будинку номер сімсот тринадцять: там Кіноварний Протяг."
EXTENSION_REASON = "Потрібна Бурштинова Експертиза підвалу"
RESIDENT_A_DATA = {
    "name": "Ґудзик-Мешканка Ярина Остапівна",
    "email": "yaryna.gudzyk@resident-a.example",
    "phone": "+380631357924",
    "address": "вул. Приватна Мешканська, 58, кв. 4",
}
PORTAL_TEXT = "Мешканка А просить полагодити Лазуровий Кран у дворі."
SIGNER_C = {"name": "Підписант Цезар Ґрунтович", "email": "cezar.signer@signer-c.example"}


def _resident(name: str, email: str, *, address: str = "") -> Resident:
    user = get_user_model().objects.create(username=f"resident-{email}"[:150], email=email)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return Resident.objects.create(
        user=user,
        full_name=name,
        email=email,
        email_confirmed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        address=address,
    )


def _staff(departments: dict[str, Department]) -> dict[str, User]:
    def make(username: str, role: str, department: str | None = None) -> User:
        if not role:  # an account without a role (create_user refuses an unknown role)
            return User.objects.create_user(username=username, password=None)
        return create_user(username=username, role=role, department_code=department)

    return {
        "registrar": make("registrar", Role.REGISTRAR),
        "head": make("head", Role.HEAD),
        "controller": make("controller", Role.CONTROLLER),
        "executor_communal": make("executor_communal", Role.EXECUTOR, "communal"),
        "executor_social": make("executor_social", Role.EXECUTOR, "social"),
        "moderator": make("moderator", Role.MODERATOR),
        "administrator": make("administrator", Role.ADMINISTRATOR),
        "cnap": make("cnap", Role.CENTRE_ADMINISTRATOR),
        "education_officer": make("education_officer", Role.EDUCATION_OFFICER),
        "nobody": make("nobody", ""),
    }


def pdf(name: str = "dovidka.pdf", marker: str = "") -> SimpleUploadedFile:
    """A small PDF; `marker` goes into its bytes, so a probe can tell the file reached someone."""
    return SimpleUploadedFile(name, f"%PDF-1.4\n% {marker}\n%%EOF\n".encode(), "application/pdf")


#: Words of each private object that must never show to someone not allowed to see it.
MARKERS: dict[str, list[str]] = {
    "appeal_communal": [*APPLICANT.values(), "Кіноварний Протяг", "Бурштинова Експертиза"],
    "appeal_portal": [
        RESIDENT_A_DATA["name"],
        RESIDENT_A_DATA["email"],
        RESIDENT_A_DATA["phone"],
        RESIDENT_A_DATA["address"],
        "Лазуровий Кран",
    ],
    "petition_draft": ["Смарагдов", RESIDENT_A_DATA["email"]],
    "petition_moderation": ["Опалов", RESIDENT_A_DATA["email"]],
    "attachment_moderation": ["Опалов", "opalovyi-mist", "%PDF"],
    "attachment_communal": ["kinovarnyi-skan", "kinovar-42"],
    "attachment_portal": ["lazurovyi-foto", "lazurovyi-marker"],
    # The collecting petition is public; its signers' e-mails and addresses are not.
    "petition_collecting": [SIGNER_C["email"], "Підписна Таємна", RESIDENT_A_DATA["email"]],
    "invalidation": ["Графітова Ферма", SIGNER_C["email"]],
    "question_new": ["Запитувач Прихований", "zapytuvach.hidden", "Мідний Ліхтар"],
    "consultation_draft": ["Вохряний Сервітут"],
    "saved_filter": ["Індиговий"],
    "import_job": ["partiia-koralova", "Коралова-Імпортна"],
    "report": [],
    "forged_link": [RESIDENT_A_DATA["email"], RESIDENT_A_DATA["name"]],
    "admin": [*APPLICANT.values(), RESIDENT_A_DATA["email"], SIGNER_C["email"]],
    "public": [*APPLICANT.values(), RESIDENT_A_DATA["email"], RESIDENT_A_DATA["phone"]],
    **receptions.MARKERS,
    **kindergarten.MARKERS,
}


def build() -> Scenario:
    """Every private object, made through the services the apps use themselves."""
    departments = {
        code: Department.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [
            ("communal", "Департамент ЖКГ"),
            ("social", "Управління соцзахисту"),
            ("legal", "Юридичний відділ"),
        ]
    }
    users = _staff(departments)
    resident_a = _resident(
        RESIDENT_A_DATA["name"], RESIDENT_A_DATA["email"], address=RESIDENT_A_DATA["address"]
    )
    resident_b = _resident("Сусід-Мешканець Богдан Іванович", "bohdan.b@resident-b.example")
    signer = _resident(SIGNER_C["name"], SIGNER_C["email"], address="вул. Підписна Таємна, 91")
    now = clock.now()
    appeal, portal_appeal = _appeals(users, now)
    reception_ids, reception_values = receptions.build(users)
    kindergarten_ids, kindergarten_values = kindergarten.build(users, resident_a.user)
    ids = {
        "appeal_communal": appeal.pk,
        "appeal_portal": portal_appeal.pk,
        **_petitions(users, resident_a, resident_b, signer),
        **other_records(users, now),
        "issue_communal": appeal.issues.get().pk,
        "attachment_communal": appeal.attachments.get().pk,
        "attachment_portal": portal_appeal.attachments.get().pk,
        **reception_ids,
        **kindergarten_ids,
    }

    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    assert appeal.due_date is not None
    return Scenario(
        users=users,
        tokens={name: token_for(user) for name, user in users.items()},
        residents={RESIDENT_A: resident_a, RESIDENT_B: resident_b},
        departments=departments,
        ids=ids,
        markers={key: list(words) for key, words in MARKERS.items()},
        values={
            "appeal_number": portal_appeal.number,
            "uid_a": urlsafe_base64_encode(force_bytes(resident_a.user.pk)),
            # A token made for A a moment ago would be valid: the probes send a forged one.
            "forged_token": default_token_generator.make_token(users["nobody"]),
            "extend_to": (appeal.due_date + dt.timedelta(days=7)).isoformat(),
            "received_at": timezone.localtime(now - dt.timedelta(hours=1))
            .replace(tzinfo=None, microsecond=0)
            .isoformat(),
            **reception_values,
            **kindergarten_values,
        },
    )


def _appeals(users: dict[str, User], now: dt.datetime) -> tuple[Appeal, Appeal]:
    """An appeal led by the communal department with a pending extension request, and an e-appeal
    resident A filed on the portal (with A's e-mail: it is in A's cabinet)."""
    appeal = register_appeal(
        AppealRegisterIn.model_validate(
            {
                "channel": "post",
                "kind": "complaint",
                "received_at": now,
                "applicants": [APPLICANT],
                "issues": [{"topic": "communal", "text": APPEAL_TEXT}],
                "summary": "Підвал",
                "text": APPEAL_TEXT,
            }
        ),
        actor=users["registrar"],
    )
    resolve_appeal(actor=users["head"], appeal_id=appeal.pk, lead_department="communal", term="15d")
    add_attachment(
        actor=users["registrar"], appeal_id=appeal.pk, upload=pdf("kinovarnyi-skan.pdf", "kinovar-42")
    )
    appeal.refresh_from_db()
    assert appeal.due_date is not None
    request_extension(
        actor=users["executor_communal"],
        appeal_id=appeal.pk,
        due_date=appeal.due_date + dt.timedelta(days=7),
        reason=EXTENSION_REASON,
    )
    portal_appeal, _code = file_e_appeal(
        EAppealIn(
            name=RESIDENT_A_DATA["name"],
            address=RESIDENT_A_DATA["address"],
            email=RESIDENT_A_DATA["email"],
            phone=RESIDENT_A_DATA["phone"],
            kind="application",
            topic="communal",
            text=PORTAL_TEXT,
            consent=True,
        ),
        [pdf("lazurovyi-foto.pdf", "lazurovyi-marker")],
    )
    return appeal, portal_appeal


def _petitions(
    users: dict[str, User], resident_a: Resident, resident_b: Resident, signer: Resident
) -> dict[str, int]:
    """A's draft, A's petition on moderation with a file, and B's collecting petition with an
    invalidated signature: the ids of each."""
    draft = petitions.create_petition_draft(
        author=resident_a,
        title="Чернетка Смарагдова Алея",
        text="Текст чернетки про Смарагдову Алею, який бачить лише авторка.",
        category="transport",
    )
    moderation = petitions.create_petition_draft(
        author=resident_a,
        title="Петиція Опаловий Міст на модерації",
        text="Текст петиції про Опаловий Міст, ще не оприлюднений.",
        category="transport",
        uploads=[pdf("opalovyi-mist.pdf")],
    )
    petitions.submit_petition(author=resident_a, petition_id=moderation.pk)
    attachment = PetitionAttachment.objects.get(petition=moderation)

    collecting = petitions.create_petition_draft(
        author=resident_b,
        title="Зібрання підписів за Сріблясту Набережну",
        text="Просимо облаштувати Сріблясту Набережну.",
        category="transport",
    )
    petitions.submit_petition(author=resident_b, petition_id=collecting.pk)
    petitions.publish_petition(actor=users["moderator"], petition_id=collecting.pk)
    signature = petitions.sign_petition(signer=signer, petition_id=collecting.pk, ip="198.51.100.77")
    petitions.sign_petition(signer=resident_a, petition_id=collecting.pk, ip="198.51.100.78")
    invalidation = petitions.invalidate_signatures(
        actor=users["moderator"],
        petition_id=collecting.pk,
        reason="Недійсні: Графітова Ферма підписів",
        signature_ids=[signature.pk],
    )
    return {
        "petition_draft": draft.pk,
        "petition_moderation": moderation.pk,
        "petition_collecting": collecting.pk,
        "attachment_moderation": attachment.pk,
        "invalidation": invalidation.pk,
    }
