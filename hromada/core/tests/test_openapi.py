"""docs/openapi.json is what the API serves (`make openapi` refreshes it)."""

import json
from pathlib import Path

from django.test import Client

DOC = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_openapi_document_in_docs_is_fresh(db):
    served = Client().get("/api/v1/openapi.json").json()
    assert json.loads(DOC.read_text(encoding="utf-8")) == served, "run `make openapi`"


def test_api_docs_page_uses_no_cdn(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page
