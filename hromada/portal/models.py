"""What the portal keeps of its own: the rate-limit counters (in the database, shared by every app server)."""

from __future__ import annotations

from django.db import models


class RateLimitCount(models.Model):
    """How many attempts one hashed key (IP, e-mail, e-mail domain; never stored raw) made in one
    bucket of time (a tenth of the limit's window) for one `scope` (filing, tracking, signing…).

    A check reads at most the window's ten buckets and a hit increments one row, so their cost does not
    grow with the traffic — a viral petition's "gmail.com" has one row per bucket, not one per signature.
    """

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    bucket = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "bucket"], name="portal_ratelimit_bucket_unique")
        ]
        indexes = [models.Index(fields=["scope", "bucket"], name="portal_ratelimit_purge_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.bucket}: {self.count}"
