"""The worker's convergence loop run in this process against the in-thread stand-in.

Real HTTP, real PostgreSQL and real Redis; only the Celery hop is left out, so a scripted fault
meets exactly the call it targets and every outcome can be read straight back.
"""

import pytest

from tests.integration.conftest import fresh, in_days, zoom_time
from zoom_worker.core.connections import reset_connections
from zoom_worker.meetings.services import standalone_meeting_delete, standalone_meeting_update
from zoom_worker.models import Meeting

# A stand-in that answers this late is past the client's read timeout below.
LATE_ANSWER_SECONDS = 1.5
# The stand-in's operation for each thing the worker does to a meeting.
ACTIONS = ("create", "patch", "delete")


@pytest.fixture(autouse=True)
def _quick_zoom_client(settings):
    """Short HTTP timeouts, so a late answer costs a second; a backoff cap the tests can read."""
    settings.ZOOM_HTTP_TIMEOUT = (1.0, 0.5)
    settings.LUNOVA_RETRY_BACKOFF_MAX = 2
    reset_connections()


RESCHEDULED_TO = {"days": 3, "duration": 60}


@pytest.fixture
def meeting_for(new_meeting, ready_meeting):
    """A meeting whose next sync performs `action`: a create, a PATCH (rescheduled) or a delete."""

    def make(action: str) -> Meeting:
        if action == "create":
            return new_meeting()
        meeting = ready_meeting()
        if action == "patch":
            changes = {
                "start_time": in_days(RESCHEDULED_TO["days"]),
                "duration": RESCHEDULED_TO["duration"],
            }
            return standalone_meeting_update(meeting=meeting, changes=changes)
        return standalone_meeting_delete(meeting=meeting)

    return make


def assert_converged(action: str, meeting: Meeting, sandbox) -> None:
    """Zoom holds exactly what the row says after `action`: one meeting, or none after delete."""
    meeting = fresh(meeting)
    live = sandbox.meetings()
    if action == "delete":
        assert meeting.status == Meeting.Status.DELETED
        assert live == []
        return
    assert meeting.status == Meeting.Status.READY
    assert meeting.in_sync
    [held] = live
    assert str(held["id"]) == meeting.zoom_meeting_id
    assert held["start_time"] == zoom_time(meeting.start_time)
    assert held["duration"] == meeting.duration
