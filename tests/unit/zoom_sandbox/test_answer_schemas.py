"""The stand-in's answers validate against the response schemas of Zoom's OpenAPI file (the
committed extract in zoom_sandbox/schemas.json); where the file gives no schema, as for error
bodies, they have the shape of Zoom's documented errors: a numeric code and a message."""

import pytest

from .conftest import SECRET, assert_zoom_shape


@pytest.mark.parametrize("scenario", ["held", "rejoin_out_of_order", "waiting_room"])
def test_the_participant_report_is_zooms_shape(zoom, control, receiver, scenario):
    # Given
    meeting = zoom.new_meeting()
    control.play(meeting["id"], scenario, receiver[0], SECRET)

    # When
    response = zoom.call("GET", f"/report/meetings/{meeting['id']}/participants")

    # Then
    assert response.status_code == 200
    assert_zoom_shape("reportMeetingParticipants", response.json())


def test_create_get_list_and_users_are_zooms_shape(zoom):
    # Given
    created = zoom.new_meeting()

    # When
    answers = {
        "meetingCreate": created,
        "meeting": zoom.call("GET", f"/meetings/{created['id']}").json(),
        "meetings": zoom.call("GET", "/users/me/meetings").json(),
        "user": zoom.call("GET", "/users/me").json(),
        "users": zoom.call("GET", "/users").json(),
    }

    # Then
    for operation, body in answers.items():
        assert_zoom_shape(operation, body)


def test_error_bodies_are_a_code_and_a_message(zoom, control, start_sandbox):
    # Given
    meeting = zoom.new_meeting()
    refused = start_sandbox(scopes="meeting:read:meeting:admin")

    # When
    no_recording = zoom.call("DELETE", f"/meetings/{meeting['id']}/recordings")
    control.set_language("fr")
    in_french = zoom.call("DELETE", f"/meetings/{meeting['id']}/recordings")
    out_of_scope = type(zoom)(refused.url).sign_in().call("GET", "/users")

    # Then
    for response, code in ((no_recording, 3301), (in_french, 3301), (out_of_scope, 4711)):
        body = response.json()
        assert set(body) == {"code", "message"} and body["code"] == code
        assert isinstance(body["message"], str) and body["message"]
