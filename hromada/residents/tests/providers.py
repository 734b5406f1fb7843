"""An identity provider for the tests of the plug point: it vouches for whoever the test names, but
through the real flow — start() redirects to the callback with a payload signed by SECRET_KEY, and
finish() refuses anything whose signature does not verify, as an OIDC provider's ID token would be."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import urlencode

from hromada.residents.identity import IdentityError, VerifiedIdentity

#: What the "provider" will vouch for next (set by the test).
NEXT: dict[str, str] = {}


class SignedTestProvider:
    code = "test-id"
    label = "Test ID"

    def start(self, request: HttpRequest, callback_url: str) -> HttpResponse:
        state = signing.dumps(dict(NEXT), salt="test-id")
        return HttpResponseRedirect(f"{callback_url}?{urlencode({'token': state})}")

    def finish(self, request: HttpRequest) -> VerifiedIdentity:
        try:
            data = signing.loads(request.GET.get("token", ""), salt="test-id", max_age=60)
        except signing.BadSignature:
            raise IdentityError("Підпис постачальника не перевірено.") from None
        birth = data.get("birth_date")
        return VerifiedIdentity(
            provider=self.code,
            subject=data["subject"],
            full_name=data.get("full_name", ""),
            email=data.get("email", ""),
            birth_date=dt.date.fromisoformat(birth) if birth else None,
        )
