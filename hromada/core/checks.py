"""Deployment checks of our own, run by `hromada check --deploy` beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_public_url(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Links in letters (confirmation, password reset, tracking) must not travel over plain HTTP."""
    if settings.HROMADA_PUBLIC_URL.startswith("https://"):
        return []
    return [
        Warning(
            "HROMADA_PUBLIC_URL does not start with https://: the links in letters to residents "
            "(e-mail confirmation, password reset, tracking) would travel in clear text.",
            hint="Set HROMADA_PUBLIC_URL=https://<the portal's host>.",
            id="hromada.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_csp(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """An overriding policy must not bring back inline scripts or eval."""
    policy = getattr(settings, "HROMADA_CSP", "")
    if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        return [
            Warning(
                "HROMADA_CSP allows 'unsafe-inline' or 'unsafe-eval': injected markup could run scripts.",
                id="hromada.W002",
            )
        ]
    return []
