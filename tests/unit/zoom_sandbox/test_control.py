import pytest
import requests

from zoom_sandbox.control import SandboxControl

from .conftest import HOST, Zoom


def test_state_shows_meetings_and_counters(zoom, control):
    # Given
    kept = zoom.new_meeting()
    gone = zoom.new_meeting()
    zoom.call("DELETE", f"/meetings/{gone['id']}")
    zoom.call("GET", "/meetings/12345678901")

    # When
    state = control.state()

    # Then
    by_id = {meeting["id"]: meeting for meeting in state["meetings"]}
    assert (by_id[kept["id"]]["deleted"], by_id[gone["id"]]["deleted"]) == (False, True)
    assert by_id[kept["id"]]["join_url"] == kept["join_url"]
    counters = state["counters"]
    assert counters["token_requests"] == 1
    assert counters["requests"] == {
        "token": 1,
        "create": 2,
        "get": 1,
        "patch": 0,
        "delete": 1,
        "list": 0,
        "user": 0,
        "users": 0,
        "delete_recordings": 0,
    }
    assert counters["status"] == {"200": 1, "201": 2, "204": 1, "404": 1}
    assert (counters["rate_limited"], counters["faults"]) == (0, {})


def test_reset_forgets_everything_but_the_tokens_and_restores_start_options(start_sandbox):
    # Given
    server = start_sandbox(daily_per_host=5, script=[{"op": "get", "fault": "500"}])
    zoom, control = Zoom(server.url).sign_in(), SandboxControl(server.url)
    zoom.new_meeting()
    control.set_limits(daily_per_host=1)
    control.set_faults(latency_ms=10)

    # When
    control.reset()

    # Then
    state = control.state()
    assert state["meetings"] == []
    assert state["counters"]["requests"]["create"] == 0
    assert state["limits"]["daily_per_host"] == 5
    assert state["pending_script"] == [{"op": "get", "fault": "500"}]
    assert zoom.call("GET", "/users/me/meetings").status_code == 200


def test_a_deletion_outside_the_api_is_seen_by_the_api_but_not_counted(zoom, control):
    # Given
    meeting = zoom.new_meeting()

    # When
    control.delete_outside(meeting["id"])

    # Then
    assert zoom.call("GET", f"/meetings/{meeting['id']}").status_code == 404
    assert control.state()["counters"]["requests"]["delete"] == 0
    assert control.meetings(include_deleted=True)[0]["deleted"] is True


def test_deleting_outside_a_meeting_that_is_not_there_is_an_error(control):
    # When / Then
    with pytest.raises(requests.HTTPError, match="404"):
        control.delete_outside(12345678901)


def test_set_daily_takes_me_or_an_email_and_nothing_else(zoom, control):
    # Given
    control.set_daily("me", 100)

    # When
    response = zoom.create(user=HOST)

    # Then
    assert response.status_code == 429
    with pytest.raises(requests.HTTPError, match="400"):
        control.set_daily("not-a-user", 1)
    with pytest.raises(requests.HTTPError, match="400"):
        control.set_daily(HOST, "many")


def test_set_limits_changes_only_what_it_names_and_refuses_unknown_names(control):
    # When
    control.set_limits(light_per_second=80)

    # Then
    limits = control.state()["limits"]
    assert limits == {"medium_per_second": 20, "light_per_second": 80, "daily_per_host": 100}
    with pytest.raises(requests.HTTPError, match="400"):
        control.set_limits(heavy_per_second=1)
