"""DELETE /meetings/{meetingId}/recordings?action=trash|delete: 204 when the meeting had
recordings, 404 code 3301 when it has none; the meeting named by its id or its uuid, encoded
twice when the uuid holds a slash."""

from urllib.parse import quote

import pytest


def recorded(zoom, control, **fields):
    meeting = zoom.new_meeting(**fields)
    control.record(meeting["id"])
    return meeting


@pytest.mark.parametrize(("query", "trashed"), [("", True), ("?action=trash", True)])
def test_trash_is_the_default_and_keeps_them_in_the_trash(zoom, control, query, trashed):
    # Given
    meeting = recorded(zoom, control)

    # When
    response = zoom.call("DELETE", f"/meetings/{meeting['id']}/recordings{query}")

    # Then
    assert (response.status_code, response.content) == (204, b"")
    held = control.recordings(meeting["id"])
    assert held["trashed"] is trashed and held["recording"] is not None


def test_delete_removes_them_for_good(zoom, control):
    # Given
    meeting = recorded(zoom, control)

    # When
    response = zoom.call("DELETE", f"/meetings/{meeting['id']}/recordings?action=delete")

    # Then
    assert response.status_code == 204
    assert control.recordings(meeting["id"]) == {"recording": None, "trashed": False}


def test_none_left_is_404_code_3301(zoom, control):
    # Given one meeting never recorded, one whose recordings are already in the trash
    never = zoom.new_meeting()
    trashed = recorded(zoom, control)
    zoom.call("DELETE", f"/meetings/{trashed['id']}/recordings")

    # When
    answers = [zoom.call("DELETE", f"/meetings/{m['id']}/recordings") for m in (never, trashed)]

    # Then
    for response in answers:
        assert response.status_code == 404
        assert response.json() == {
            "code": 3301,
            "message": "There is no recording for this meeting.",
        }


def test_a_uuid_with_a_slash_names_the_meeting_encoded_twice(zoom, control):
    # Given a meeting whose uuid holds a slash (Zoom's uuids are base64)
    meeting = next(m for m in (zoom.new_meeting() for _ in range(200)) if "/" in m["uuid"])
    control.record(meeting["id"])

    # When
    twice = quote(quote(meeting["uuid"], safe=""), safe="")
    response = zoom.call("DELETE", f"/meetings/{twice}/recordings?action=delete")

    # Then
    assert response.status_code == 204
    assert control.recordings(meeting["id"])["recording"] is None


def test_an_unknown_action_is_a_validation_error(zoom, control):
    # Given
    meeting = recorded(zoom, control)

    # When
    response = zoom.call("DELETE", f"/meetings/{meeting['id']}/recordings?action=shred")

    # Then
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert [error["field"] for error in response.json()["errors"]] == ["action"]
