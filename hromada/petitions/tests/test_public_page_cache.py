"""A viral petition's page for anonymous readers is rendered once a second per process, never for a
signed-in resident (whose page says whether they signed), and public pages carry no per-visitor token."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client

from hromada.petitions import services
from hromada.petitions.tests.public_support import (
    author_fixture,  # noqa: F401  (the fixture "author")
    client_of,
    make_resident,
    published,
    signer_fixture,  # noqa: F401  (the fixture "signer")
)


def test_anonymous_readers_share_one_rendering_until_it_expires(
    staff, author, settings, django_assert_num_queries
):
    settings.HROMADA_PUBLIC_PAGE_CACHE_SECONDS = 1
    petition = published(staff, author)
    first = Client().get(f"/peticii/{petition.pk}/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" not in first.content.decode()
    assert "csrftoken" not in first.cookies  # nothing per visitor: safe to share
    with django_assert_num_queries(0):
        again = Client().get(f"/peticii/{petition.pk}/")
    assert again.content == first.content
    services.sign_petition(signer=make_resident("reader@example.com", "Читач Петро"), petition_id=petition.pk)
    assert Client().get(f"/peticii/{petition.pk}/").content == first.content  # within the second
    cache.clear()  # the second has passed
    assert Client().get(f"/peticii/{petition.pk}/").content != first.content


def test_signed_in_resident_and_missing_petition_are_never_cached(staff, author, signer, settings):
    settings.HROMADA_PUBLIC_PAGE_CACHE_SECONDS = 60
    petition = published(staff, author)
    Client().get(f"/peticii/{petition.pk}/")  # cached for anonymous readers
    own = client_of(signer).get(f"/peticii/{petition.pk}/")
    assert f"/peticii/{petition.pk}/pidpysaty/" in own.content.decode()  # the sign form: not the cached page
    assert "no-store" in own["Cache-Control"]
    assert Client().get("/peticii/999999/").status_code == 404
    assert Client().get("/peticii/999999/").status_code == 404
