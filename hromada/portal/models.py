"""The portal keeps no tables of its own: the rate-limit counters moved to core (core.ratelimit)."""
