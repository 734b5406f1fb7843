from django.test import Client

from hromada.core.models import CouncilSettings


def test_home_page_in_ukrainian_without_database_reads(db, django_assert_num_queries):
    CouncilSettings.load()  # the council's name, cached per process
    with django_assert_num_queries(0):
        page = Client().get("/").content.decode()
    assert "Подати електронне звернення" in page and 'lang="uk"' in page


def test_home_page_in_english_on_request(db):
    page = Client(headers={"accept-language": "en"}).get("/").content.decode()
    assert "File an e-appeal" in page and 'lang="en"' in page
