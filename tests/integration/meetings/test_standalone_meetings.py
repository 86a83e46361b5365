"""The seed's /api/v1/zoom/meetings/ endpoint: 202 + Location by default, `Prefer: wait=N`."""

import pytest

from tests.conftest import future, wait_until

URL = "/api/v1/zoom/meetings/"
SEED_KEYS = {
    "success",
    "id",
    "status",
    "meeting_id",
    "start_url",
    "join_url",
    "topic",
    "start_time",
    "duration",
    "password",
    "host_email",
}

pytestmark = pytest.mark.django_db(transaction=True)


def test_default_answer_is_202_with_location(api, expert, worker, sandbox):
    # when an expert creates a meeting without waiting
    response = api(expert).post(
        URL, {"topic": "  Ön   görüşme ", "start_time": future(days=1)}, format="json"
    )
    # then it is accepted, pending, with what is known so far and where to look
    assert response.status_code == 202
    body = response.json()
    assert body.keys() >= SEED_KEYS
    assert body["success"] is True and body["status"] == "pending"
    assert body["meeting_id"] is None and body["join_url"] is None
    assert body["topic"] == "Ön görüşme"
    assert body["duration"] == 45
    location = response["Location"]
    assert location.endswith(f"{URL}{body['id']}/")
    # and the Location becomes ready with the Zoom meeting
    ready = wait_until(
        lambda: (r := api(expert).get(location).json())["status"] == "ready" and r, timeout=30
    )
    [held] = sandbox.meetings()
    assert ready["meeting_id"] == str(held["id"]) and ready["join_url"] == held["join_url"]


def test_prefer_wait_answers_201_with_the_seed_shape(api, expert, worker, sandbox):
    response = api(expert).post(
        URL,
        {"topic": "Terapi", "start_time": future(days=1), "duration": 50},
        format="json",
        HTTP_PREFER="wait=20",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    [held] = sandbox.meetings()
    assert body["meeting_id"] == str(held["id"])
    assert body["start_url"].startswith("https://zoom.us/s/")
    assert body["join_url"] == held["join_url"]
    assert body["password"] == held["password"]
    assert body["duration"] == 50
    assert response["Preference-Applied"] == "wait=20"


def test_prefer_wait_reports_a_refusal_as_502(api, expert, worker, sandbox):
    # given Zoom refuses the create for good
    sandbox.set_faults(script=[{"op": "create", "fault": "400"}])
    response = api(expert).post(
        URL, {"topic": "Terapi", "start_time": future(days=1)}, format="json", HTTP_PREFER="wait=20"
    )
    assert response.status_code == 502
    assert response.json()["success"] is False
    assert "400" in response.json()["error"]


def test_prefer_wait_without_a_worker_falls_back_to_202(api, expert, sandbox, transactional_db):
    response = api(expert).post(
        URL, {"topic": "Terapi", "start_time": future(days=1)}, format="json", HTTP_PREFER="wait=1"
    )
    assert response.status_code == 202
    assert response.json()["status"] == "pending"


def test_update_and_delete_reach_zoom(api, expert, worker, sandbox):
    pk = (
        api(expert)
        .post(
            URL,
            {"topic": "Terapi", "start_time": future(days=1)},
            format="json",
            HTTP_PREFER="wait=20",
        )
        .json()["id"]
    )
    assert (
        api(expert).patch(f"{URL}{pk}/", {"topic": "Aile terapisi"}, format="json").status_code
        == 200
    )
    wait_until(lambda: sandbox.meetings()[0]["topic"] == "Aile terapisi", timeout=30)
    assert api(expert).delete(f"{URL}{pk}/").status_code == 204
    wait_until(lambda: api(expert).get(f"{URL}{pk}/").json()["status"] == "deleted", timeout=30)
    assert sandbox.meetings() == []
