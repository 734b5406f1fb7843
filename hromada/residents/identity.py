"""Підтвердження особи: pluggable identity providers for the resident's cabinet.

E-mail + password with a confirmation link is built in and always on. Outside providers — id.gov.ua
(the Integrated System of Electronic Identification: BankID, Diia.Signature, qualified e-signatures) over
OpenID Connect — plug in through `HROMADA_IDENTITY_PROVIDERS`, a list of dotted paths to classes that
implement `IdentityProvider`. The portal then shows a "Sign in with …" button for each and mounts
`/kabinet/vkhid/<code>/` (start) and `/kabinet/vkhid/<code>/povernennia/` (the redirect URI to register
with the provider). docs/identity.md says how to write one for id.gov.ua.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class VerifiedIdentity:
    """What a provider vouches for. `subject` is its stable, unique identifier of the person."""

    provider: str
    subject: str
    full_name: str
    email: str
    birth_date: dt.date | None = None


class IdentityError(Exception):
    """The provider refused or the answer did not verify; the message is shown to the resident."""


class IdentityProvider(Protocol):
    #: URL segment and key in ExternalIdentity.provider, e.g. "id-gov-ua".
    code: str
    #: Button label, e.g. "ID.GOV.UA (BankID, Дія)".
    label: str

    def start(self, request: HttpRequest, callback_url: str) -> HttpResponse:
        """Redirect the browser to the provider (keep state/nonce in the session)."""
        ...

    def finish(self, request: HttpRequest) -> VerifiedIdentity:
        """Check the provider's answer on the callback URL; raise IdentityError when it fails."""
        ...


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> dict[str, IdentityProvider]:
    providers: dict[str, IdentityProvider] = {}
    for path in paths:
        provider = import_string(path)()
        providers[provider.code] = provider
    return providers


def providers() -> dict[str, IdentityProvider]:
    """The configured outside providers by code (none by default)."""
    return _load(tuple(getattr(settings, "HROMADA_IDENTITY_PROVIDERS", ())))
