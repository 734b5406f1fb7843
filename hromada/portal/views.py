"""Публічний портал: its home page. Each domain app serves its own public pages (the e-appeal and
tracking: appeals.views.public), included under the "portal" namespace in portal/urls.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """No database reads: the front page must stay fast whatever the size of the register."""
    return render(request, "portal/home.html")
