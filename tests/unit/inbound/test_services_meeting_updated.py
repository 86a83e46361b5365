"""`meeting.updated` made in Zoom: the worker PATCHes Lunova's values back."""

import pytest

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.core.connections import zoom_client
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting, WebhookOutcome
from zoom_worker.tasks import process_webhook


def zoom_copy(sandbox, zoom_id: str) -> dict:
    return next(m for m in sandbox.meetings() if str(m["id"]) == zoom_id)


@pytest.mark.django_db
@pytest.mark.parametrize("as_sent", [int, str], ids=["id as number", "id as string"])
def test_a_change_made_in_zoom_is_undone(deliver, queued, zoom_appointment, sandbox, as_sent):
    # given someone retitles and moves the meeting in Zoom
    meeting = zoom_appointment.meeting
    changed = {"topic": "Başka bir başlık", "start_time": "2099-05-05T09:00:00Z"}
    zoom_client().update_meeting(
        meeting_id=meeting.zoom_meeting_id, host=meeting.host, body=changed
    )
    # when Zoom reports the change and the worker processes it
    deliver(envelope("meeting.updated", as_sent(meeting.zoom_meeting_id), **changed))
    assert process_webhook(queued[0]) == WebhookOutcome.APPLIED
    # then the meeting waits for the worker, which PATCHes Lunova's values back
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version + 1
    assert meeting_sync(meeting_id=meeting.pk, worker_id="t") == Meeting.Status.READY
    in_zoom = zoom_copy(sandbox, meeting.zoom_meeting_id)
    assert in_zoom["topic"] == meeting.topic
    assert in_zoom["start_time"] == meeting.zoom_state["start_time"]


@pytest.mark.django_db
def test_the_echo_of_lunovas_own_update_changes_nothing(deliver, queued, zoom_appointment):
    # given Zoom reports fields that already hold Lunova's values (our own PATCH)
    meeting = zoom_appointment.meeting
    deliver(envelope("meeting.updated", meeting.zoom_meeting_id, topic=meeting.topic))
    # when the worker processes it
    outcome = process_webhook(queued[0])
    # then there is nothing to send back
    assert outcome == WebhookOutcome.IGNORED
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version
