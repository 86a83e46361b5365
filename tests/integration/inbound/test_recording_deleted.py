"""End to end: a host records a Lunova meeting to the cloud; the stand-in sends the signed
`recording.completed` over HTTP; a real worker deletes the recording in Zoom within seconds,
and nothing of it (links, passcodes, download token) is left in the database."""

import json

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

from tests.conftest import future, wait_until
from zoom_worker.models import Meeting, SyncAttempt

WEBHOOK_SECRET = "e2e-webhook-secret"
pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> str:
    rows = {
        model._meta.db_table: list(model.objects.values())
        for model in apps.get_models(include_auto_created=True)
    }
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_a_cloud_recording_is_deleted_within_seconds(
    api, expert, client_user, worker, sandbox, live_server, settings
):
    # given a booked session whose meeting the worker made in the stand-in
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = WEBHOOK_SECRET
    body = {"client": client_user.pk, "start_time": future(days=1)}
    booked = api(expert).post("/api/v1/appointments/", body, format="json").json()["id"]
    meeting = wait_until(
        lambda: Meeting.objects.filter(appointment__pk=booked, status="ready").first(), timeout=60
    )
    # when the host records it to the cloud and Zoom reports the recording
    webhook_url = f"{live_server.url}/api/v1/zoom/webhooks/"
    answer = sandbox.record(meeting.zoom_meeting_id, webhook_url, WEBHOOK_SECRET)
    assert [sent["status"] for sent in answer["sent"]] == [204], answer["sent"]
    # then within seconds the recording is gone from Zoom, for good
    wait_until(lambda: sandbox.recordings(meeting.zoom_meeting_id)["recording"] is None, timeout=15)
    assert sandbox.recordings(meeting.zoom_meeting_id)["trashed"] is False
    # and the delete is recorded as a Zoom call of the meeting
    call = wait_until(lambda: SyncAttempt.objects.filter(action="recordings").first())
    assert (call.meeting_id, call.outcome) == (meeting.pk, "ok")
    # and no link, passcode or token of the recording is anywhere in the database
    recording = answer["recording"]
    secrets = [
        recording["share_url"],
        recording["password"],
        recording["recording_play_passcode"],
        *(file["download_url"] for file in recording["recording_files"]),
        *(file["play_url"] for file in recording["recording_files"]),
    ]
    text = every_table()
    assert [secret for secret in secrets if secret in text] == []
    assert "download_token" not in text
