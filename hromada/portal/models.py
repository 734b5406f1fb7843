"""What the portal keeps of its own: the rate-limit counters (in the database, shared by every app server)."""

from __future__ import annotations

from django.db import models


class RateLimitHit(models.Model):
    """One counted attempt: `scope` (filing, tracking) and a hashed key (IP or e-mail, never stored raw)."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="portal_ratelimit_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.at:%Y-%m-%d %H:%M}"
