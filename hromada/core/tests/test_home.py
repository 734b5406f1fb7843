from django.test import Client


def test_home_page_counts_appeals_in_ukrainian(db):
    page = Client().get("/").content.decode()
    assert "У реєстрі 0 звернень." in page and 'lang="uk"' in page


def test_home_page_in_english_on_request(db):
    page = Client(headers={"accept-language": "en"}).get("/").content.decode()
    assert "The register holds 0 appeals." in page
