"""The register of daily jobs: each app names its own in `AppConfig.ready()`.

A job is a function `job(day, *, today) -> int | None` (see notifications/jobs.py, which runs them
once per day). The owning app registers it, so the runner needs no dotted paths into the domains and
no app below `notifications` (accounts' purge of sign-in failures) has to import it."""

from __future__ import annotations

from collections.abc import Callable

DailyJob = Callable[..., int | None]

_JOBS: dict[str, DailyJob] = {}


def register_daily_job(name: str, func: DailyJob) -> None:
    """Name `func` as a daily job (again with the same function is harmless; `ready()` may rerun)."""
    known = _JOBS.get(name)
    if known is not None and known is not func:
        raise ValueError(f"daily job {name!r} is already registered as {known!r}")
    _JOBS[name] = func


def daily_jobs() -> dict[str, DailyJob]:
    """Every registered job, in the order of INSTALLED_APPS (the order the apps got ready)."""
    return dict(_JOBS)
