import time

import pytest
import requests

from .conftest import Zoom


@pytest.mark.parametrize("status", ["500", "502", "503", "504"])
def test_a_scripted_5xx_answers_instead_of_the_work(zoom, control, status):
    # Given
    control.set_faults(script=[{"op": "create", "fault": status}])

    # When
    response = zoom.create()

    # Then
    assert response.status_code == int(status)
    assert response.json()["code"] == int(status)
    assert control.meetings() == []
    assert control.state()["counters"]["faults"] == {status: 1}


def test_a_faults_body_can_be_empty(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "503", "body": "empty"}])

    # When
    response = zoom.create()

    # Then
    assert response.status_code == 503
    assert response.content == b""


def test_a_faults_body_can_be_xml(zoom, control):
    # Given
    control.set_faults(script=[{"op": "delete", "fault": "404", "body": "xml"}])

    # When
    response = zoom.call("DELETE", "/meetings/12345678901")

    # Then
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/xml"
    assert response.content.startswith(b"<?xml")
    assert b"<code>3001</code>" in response.content


def test_a_scripted_429_carries_the_retry_after_it_was_given(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    control.set_faults(script=[{"op": "patch", "fault": "429", "retry_after": "2"}])

    # When
    response = zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"topic": "Yeni"})

    # Then
    assert response.status_code == 429
    assert response.json()["code"] == 429
    assert response.headers["Retry-After"] == "2"
    assert response.headers["X-RateLimit-Type"] == "QPS"
    assert response.headers["X-RateLimit-Category"] == "Light"
    assert zoom.call("GET", f"/meetings/{meeting['id']}").json()["topic"] == meeting["topic"]


def test_a_scripted_429_without_retry_after_has_no_such_header(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "429"}])

    # When
    response = zoom.create()

    # Then
    assert response.status_code == 429
    assert "Retry-After" not in response.headers


def test_a_scripted_daily_cap_is_the_daily_429(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "daily_cap"}])

    # When
    response = zoom.create()

    # Then
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Type"] == "Daily-limit"
    assert response.headers["Retry-After"].endswith("T00:00:00Z")
    assert "daily rate limit (100)" in response.json()["message"]


def test_a_scripted_daily_cap_can_place_its_reset(zoom, control):
    # Given a daily cap whose reset a test places at a chosen instant
    control.set_faults(
        script=[{"op": "create", "fault": "daily_cap", "retry_after": "2031-05-01T13:00:00Z"}]
    )

    # When
    response = zoom.create()

    # Then it is the daily 429, resetting then
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Type"] == "Daily-limit"
    assert response.headers["Retry-After"] == "2031-05-01T13:00:00Z"


def test_a_drop_closes_the_connection_before_any_work(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "drop"}])

    # When
    with pytest.raises(requests.ConnectionError):
        zoom.create()

    # Then
    assert control.meetings() == []
    assert control.state()["counters"]["faults"] == {"drop": 1}


def test_a_lost_answer_means_the_meeting_exists_but_the_client_saw_a_connection_error(
    zoom, control
):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "lose_answer"}])

    # When
    with pytest.raises(requests.ConnectionError):
        zoom.create()

    # Then
    [meeting] = control.meetings()
    assert zoom.call("GET", f"/meetings/{meeting['id']}").status_code == 200
    assert control.state()["counters"]["faults"] == {"lose_answer": 1}


def test_a_timeout_answers_only_after_the_given_seconds(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    control.set_faults(script=[{"op": "get", "fault": "timeout", "seconds": 0.4}])

    # When
    started = time.monotonic()
    response = zoom.call("GET", f"/meetings/{meeting['id']}")

    # Then
    assert time.monotonic() - started >= 0.4
    assert response.status_code == 200


def test_a_client_that_gives_up_on_a_slow_create_finds_the_meeting_made(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "timeout", "seconds": 0.5}])

    # When
    with pytest.raises(requests.Timeout):
        zoom.create(timeout=0.1)

    # Then
    assert len(control.meetings()) == 1


def test_a_slow_create_makes_the_meeting_only_after_its_seconds(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "slow", "seconds": 0.6}])

    # When
    with pytest.raises(requests.Timeout):
        zoom.create(timeout=0.1)

    # Then nothing is there while Zoom is still at it, and the meeting appears afterwards
    assert control.meetings() == []
    time.sleep(0.8)
    assert len(control.meetings()) == 1


def test_a_scripted_404_on_delete_leaves_the_meeting_alone(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    control.set_faults(script=[{"op": "delete", "fault": "404"}])

    # When
    response = zoom.call("DELETE", f"/meetings/{meeting['id']}")

    # Then
    assert response.status_code == 404
    assert response.json()["code"] == 3001
    assert [m["id"] for m in control.meetings()] == [meeting["id"]]


def test_a_scripted_400_on_create_is_a_validation_failure(zoom, control):
    # Given
    control.set_faults(script=[{"op": "create", "fault": "400"}])

    # When
    response = zoom.create()

    # Then
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert response.json()["errors"]
    assert control.meetings() == []


def test_a_scripted_401_on_patch_is_code_124(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    control.set_faults(script=[{"op": "patch", "fault": "401"}])

    # When
    response = zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"topic": "Yeni"})

    # Then
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Invalid access token."}


def test_a_scripted_401_on_token_is_invalid_client(server, control):
    # Given
    control.set_faults(script=[{"op": "token", "fault": "401"}])

    # When
    response = Zoom(server.url).fetch_token()

    # Then
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_script_entries_wait_for_their_own_op_in_order(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    control.set_faults(
        script=[
            {"op": "create", "fault": "500"},
            {"op": "get", "fault": "503"},
            {"op": "any", "fault": "502"},
            {"op": "create", "fault": "404"},
        ]
    )

    # When
    get = zoom.call("GET", f"/meetings/{meeting['id']}")
    creates = [zoom.create() for _ in range(4)]

    # Then
    assert get.status_code == 503
    assert [create.status_code for create in creates] == [500, 502, 404, 201]
    assert creates[2].json()["code"] == 1001
    assert control.state()["pending_script"] == []


def test_the_script_waits_until_its_op_comes(zoom, control):
    # Given
    control.set_faults(script=[{"op": "delete", "fault": "500"}])

    # When
    zoom.create()

    # Then
    assert control.state()["pending_script"] == [{"op": "delete", "fault": "500"}]
