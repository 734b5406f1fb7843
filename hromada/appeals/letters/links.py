"""Посилання на стан розгляду: the link every letter and e-mail to the author gives to the public
tracking page (portal:track), with the registration number filled in — and the tracking code too in
the e-mail that issues it (the code is never stored, so later letters cannot repeat it).

Only e-appeals have a tracking code (hromada.appeals.services.tracking); an appeal registered on
paper or by phone has no public status page, so its letters give no link rather than a page that
would refuse the author."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from hromada.appeals.models import Appeal
from hromada.notifications.services import public_url


def status_path(number: str, code: str = "") -> str:
    """/zvernennia/stan/?number=…[&code=…]: the tracking form, filled in."""
    query = {"number": number, "code": code} if code else {"number": number}
    return f"{reverse('portal:track')}?{urlencode(query)}"


def status_url(appeal: Appeal, code: str = "") -> str:
    """The absolute link to `appeal`'s status page, or '' when the appeal cannot be tracked."""
    if not appeal.tracking_code_hash or not appeal.number:
        return ""
    return public_url(status_path(appeal.number, code))
