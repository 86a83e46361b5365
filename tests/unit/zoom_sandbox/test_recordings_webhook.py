"""POST /_sandbox/meetings/{id}/record makes the meeting's cloud recording and sends the signed
recording.completed webhook, shaped as Zoom's: the recording as payload.object (a numeric id),
its files with links, and a download_token beside the payload."""

from datetime import UTC, datetime

from jsonschema import Draft4Validator

from zoom_sandbox.validation import SCHEMAS

from .conftest import SECRET, bodies


def test_a_recording_is_made_and_announced(zoom, control, receiver):
    # Given
    meeting = zoom.new_meeting(start_time="2030-01-15T09:30:00Z", duration=45)
    url, received = receiver

    # When
    answer = control.record(meeting["id"], url, SECRET)

    # Then one signed recording.completed, at the recording's end
    (body,) = bodies(received)
    assert list(body) == ["event", "payload", "event_ts", "download_token"]
    assert body["event"] == "recording.completed" and len(body["download_token"]) > 100
    assert body["event_ts"] == datetime(2030, 1, 15, 10, 15, tzinfo=UTC).timestamp() * 1000
    recording = body["payload"]["object"]
    assert body["payload"]["account_id"] == "sandbox-account"
    assert (recording["id"], recording["uuid"]) == (meeting["id"], meeting["uuid"])
    assert recording["host_id"] == meeting["host_id"] and recording["duration"] == 45
    assert recording["share_url"].startswith("https://zoom.us/rec/share/")
    assert recording["password"] and recording["recording_play_passcode"]
    assert answer["recording"] == recording and answer["sent"][0]["status"] == 204


def test_its_files_carry_links_and_match_zooms_recording_file_schema(zoom, control, receiver):
    # Given
    meeting = zoom.new_meeting()

    # When
    recording = control.record(meeting["id"], minutes=30)["recording"]

    # Then
    files = recording["recording_files"]
    assert [f["file_type"] for f in files] == ["MP4", "M4A"]
    validator = Draft4Validator(
        SCHEMAS["responses"]["recordingGet"]["properties"]["recording_files"]["items"]
    )
    for file in files:
        validator.validate(file)
        assert file["download_url"].startswith("https://zoom.us/rec/")
        assert file["play_url"].startswith("https://zoom.us/rec/play/")
        assert file["meeting_id"] == meeting["uuid"]
    assert recording["total_size"] == sum(f["file_size"] for f in files)
    assert receiver[1] == []  # no webhook_url given: nothing sent


def test_the_control_read_shows_the_recording(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    before = control.recordings(meeting["id"])

    # When
    made = control.record(meeting["id"])["recording"]

    # Then
    assert before == {"recording": None, "trashed": False}
    assert control.recordings(meeting["id"]) == {"recording": made, "trashed": False}
