"""`recording.completed`: a worker deletes the meeting's cloud recordings in Zoom (here the
stand-in), recorded as a Zoom call; the delivery keeps no link, passcode or download token;
LUNOVA_KEEP_RECORDINGS keeps them."""

import json

import pytest

from zoom_worker.core.task_names import DELETE_RECORDINGS
from zoom_worker.models import SyncAttempt, WebhookDelivery
from zoom_worker.tasks import delete_recordings, process_webhook

DOWNLOAD_TOKEN = "dl-token-0123456789abcdefghijklmnop"


@pytest.fixture
def recorded(sandbox, zoom_appointment):
    """The stand-in holds a cloud recording of the meeting; the webhook body Zoom sends."""
    zoom_id = zoom_appointment.meeting.zoom_meeting_id
    recording = sandbox.record(zoom_id)["recording"]
    body = {
        "event": "recording.completed",
        "event_ts": 1767225600000,
        "payload": {"account_id": "acc-1", "object": recording},
        "download_token": DOWNLOAD_TOKEN,
    }
    return zoom_id, recording, body


def secrets_of(recording) -> list[str]:
    files = recording["recording_files"]
    return [
        recording["share_url"],
        recording["password"],
        recording["recording_play_passcode"],
        DOWNLOAD_TOKEN,
        *(file["download_url"] for file in files),
        *(file["play_url"] for file in files),
    ]


@pytest.mark.django_db
def test_the_recording_is_deleted_and_nothing_of_it_kept(
    deliver, queued, sent, sandbox, recorded, django_capture_on_commit_callbacks
):
    zoom_id, recording, body = recorded
    # when Zoom reports the recording and a worker processes the delivery
    assert deliver(body).status_code == 204
    with django_capture_on_commit_callbacks(execute=True):
        assert process_webhook(queued[-1]) == "applied"
    # then the stored delivery holds the meeting's identity and time, none of its secrets
    stored = json.dumps(WebhookDelivery.objects.get().payload)
    assert [secret for secret in secrets_of(recording) if secret in stored] == []
    assert recording["uuid"] in stored
    # and a worker deletes the recordings in Zoom, for good
    assert delete_recordings(sent[DELETE_RECORDINGS][-1]) == "deleted"
    assert sandbox.recordings(zoom_id) == {"recording": None, "trashed": False}
    # and the call is recorded beside the meeting
    call = SyncAttempt.objects.get(action="recordings")
    assert (call.outcome, call.http_status) == ("ok", 204)
    # and a second try finds nothing left: done, not failed
    assert delete_recordings(sent[DELETE_RECORDINGS][-1]) == "none"


@pytest.mark.django_db
def test_kept_when_the_operator_says_so(
    deliver, queued, sent, sandbox, recorded, settings, django_capture_on_commit_callbacks
):
    settings.LUNOVA_KEEP_RECORDINGS = True
    zoom_id, _recording, body = recorded
    deliver(body)
    with django_capture_on_commit_callbacks(execute=True):
        assert process_webhook(queued[-1]) == "ignored"
    assert sent[DELETE_RECORDINGS] == []
    assert sandbox.recordings(zoom_id)["recording"] is not None
    assert "LUNOVA_KEEP_RECORDINGS" in WebhookDelivery.objects.get().reason
