"""The write-back marks a meeting synced only at the version the worker read: a reschedule made
while Zoom was creating it keeps what Zoom made, and the worker goes round again to patch it."""

import pytest

from tests.integration.conftest import fresh, in_days, sync, zoom_time
from zoom_worker.meetings.services import standalone_meeting_update
from zoom_worker.meetings.sync import SyncResult
from zoom_worker.zoom.client import ZoomClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def rescheduled_while_creating(monkeypatch):
    """The row is rescheduled while Zoom's create is in flight (after Zoom made the meeting)."""

    def arrange(meeting, to):
        create = ZoomClient.create_meeting

        def create_then_reschedule(client, *, host, body):
            answer = create(client, host=host, body=body)
            standalone_meeting_update(meeting=meeting, changes={"start_time": to})
            return answer

        monkeypatch.setattr(ZoomClient, "create_meeting", create_then_reschedule)

    return arrange


def test_a_change_during_the_call_is_synced_in_a_next_round(
    new_meeting, rescheduled_while_creating, sandbox, zoom_requests
):
    # given a new meeting rescheduled while its create is in flight
    meeting = new_meeting()
    rescheduled_while_creating(meeting, to=in_days(4))
    # when the worker syncs it
    result = sync(meeting)
    # then the meeting Zoom made was kept and patched to the new time, not made twice
    assert result == SyncResult.READY
    synced = fresh(meeting)
    assert synced.in_sync
    [held] = sandbox.meetings()
    assert str(held["id"]) == synced.zoom_meeting_id
    assert held["start_time"] == zoom_time(synced.start_time)
    assert (zoom_requests("create"), zoom_requests("patch")) == (1, 1)
