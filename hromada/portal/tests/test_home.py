"""The portal's home page: what it links to, and the security headers of every page."""

from __future__ import annotations

from django.test import Client

URL = "/zvernennia/nove/"


def test_security_headers_on_public_and_staff_pages_when_any_page_served(db):
    public = Client().get("/")
    assert "script-src 'self';" in public["Content-Security-Policy"]
    assert "unsafe-inline" not in public["Content-Security-Policy"]
    staff = Client().get("/staff/sign-in/")
    assert "frame-ancestors 'none'" in staff["Content-Security-Policy"]
    for response in (public, staff):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_home_links_to_the_form_tracking_staff_workspace_and_api_docs(db):
    page = Client().get("/").content.decode()
    for href in (URL, "/zvernennia/stan/", "/staff/", "/api/v1/docs"):
        assert f'href="{href}"' in page
