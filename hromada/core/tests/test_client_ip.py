"""Whose address a rate limit counts: REMOTE_ADDR, or the header a trusted reverse proxy sets."""

from __future__ import annotations

from django.test import RequestFactory

from hromada.core.ratelimit import client_ip


def test_remote_addr_when_no_proxy_header_is_trusted(settings):
    settings.HROMADA_CLIENT_IP_HEADER = ""
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP="203.0.113.9")
    assert client_ip(request) == "198.51.100.7"  # a client cannot pick its own address


def test_first_address_of_the_trusted_header_behind_a_proxy(settings):
    settings.HROMADA_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2")
    assert client_ip(request) == "203.0.113.9"
    bare = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert client_ip(bare) == "10.0.0.2"
