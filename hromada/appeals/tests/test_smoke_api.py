from hromada.testing import appeal_body


def test_registration_round_trip(api):
    response = api("registrar").post("/appeals", appeal_body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["number"] == "К-1"
    assert data["registered_at"] == "2026-11-16"
    assert data["due_date"] == "2026-12-16"
