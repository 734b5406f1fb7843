"""Сповіщення про е-петиції: the e-mails the petition workflow sends.

The services call the hooks below inside their transaction; each hook only registers an on-commit
callback, so a rolled-back step sends nothing and the hot path (signing) pays no query for it. The
callback reads what the letter needs and records the e-mails (notifications.services.queue_email).

Who gets what:
- the author: published, returned (with the reason), refused (with the reason), threshold reached,
  answered, closed or converted into an appeal;
- the council: threshold reached → every active head with an e-mail, and the council's own address
  (CouncilSettings.letterhead_email) when set;
- signatories who asked for it (`wants_updates`, valid signatures only): the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.appeals.door import registered_appeal
from hromada.core.models import CouncilSettings
from hromada.notifications.services import after_commit, queue_email
from hromada.notifications.services import public_url as absolute_url
from hromada.petitions.models import Petition, Signature

# Hooks: one line in each service.


def published(petition: Petition) -> None:
    after_commit(_to_author, petition.pk, "petition_published")


def returned(petition: Petition) -> None:
    after_commit(_to_author, petition.pk, "petition_returned")


def refused(petition: Petition) -> None:
    after_commit(_to_author, petition.pk, "petition_refused")


def threshold_reached(petition_id: int) -> None:
    after_commit(_threshold_reached, petition_id)


def answered(petition: Petition) -> None:
    after_commit(_answered, petition.pk)


def closed(petition: Petition) -> None:
    after_commit(_to_author, petition.pk, "petition_closed")


# What the letters say.

SUBJECTS: dict[str, Callable[[], str]] = {
    "petition_published": lambda: _("Your petition No. %(number)s is published"),
    "petition_returned": lambda: _("Your petition No. %(number)s is returned for edits"),
    "petition_refused": lambda: _("Your petition No. %(number)s is not published"),
    "petition_threshold_reached": lambda: _("Petition No. %(number)s has collected the signatures needed"),
    "petition_threshold_council": lambda: _("Petition No. %(number)s needs the council's answer by %(due)s"),
    "petition_answered": lambda: _("Answer to petition No. %(number)s"),
    "petition_closed": lambda: _("Collection of signatures for petition No. %(number)s has ended"),
}


def public_url(petition: Petition) -> str:
    """The petition's public page (the portal's `petition` URL)."""
    return absolute_url(reverse("portal:petition", args=[petition.pk]))


def _subject(kind: str, petition: Petition) -> str:
    due = petition.answer_due.strftime("%d.%m.%Y") if petition.answer_due else "—"
    return SUBJECTS[kind]() % {"number": petition.pk, "due": due}


def _send(petition: Petition, recipient: str, kind: str, template: str | None = None, **extra: Any) -> None:
    queue_email(
        recipient=recipient,
        subject=_subject(kind, petition),
        template=f"notifications/{template or kind}",
        context={
            "petition": petition,
            "url": public_url(petition),
            "council": CouncilSettings.load(),
            **extra,
        },
        kind=kind,
        user=extra.get("user"),
        object_type="petition",
        object_id=petition.pk,
    )


def _to_author(petition_id: int, kind: str) -> int:
    petition = Petition.objects.select_related("category").get(pk=petition_id)
    if not petition.author_email:
        return 0
    appeal = registered_appeal(petition.converted_appeal_id)
    _send(petition, petition.author_email, kind, appeal=appeal)
    return 1


def _threshold_reached(petition_id: int) -> int:
    petition = Petition.objects.select_related("category").get(pk=petition_id)
    queued = _to_author(petition_id, "petition_threshold_reached")
    recipients: dict[str, User | None] = {}
    for head in User.objects.filter(role=Role.HEAD, is_active=True).exclude(email="").order_by("username"):
        recipients.setdefault(head.email.lower(), head)
    council_email = CouncilSettings.load().letterhead_email
    if council_email:
        recipients.setdefault(council_email.lower(), None)
    for email, user in recipients.items():
        _send(petition, email, "petition_threshold_council", user=user)
        queued += 1
    return queued


def _answered(petition_id: int) -> int:
    petition = Petition.objects.select_related("category").get(pk=petition_id)
    queued = 0
    seen: set[str] = set()
    if petition.author_email:
        seen.add(petition.author_email.lower())
        _send(petition, petition.author_email, "petition_answered", author=True)
        queued += 1
    followers = (
        Signature.objects.filter(
            petition_id=petition_id, wants_updates=True, withdrawn_at__isnull=True, invalidation__isnull=True
        )
        .order_by("pk")
        .values_list("signer__email", "name")
    )
    for email, name in followers.iterator(chunk_size=500):
        email = (email or "").lower()
        if email and email not in seen:
            seen.add(email)
            _send(petition, email, "petition_answered", author=False, name=name)
            queued += 1
    return queued
