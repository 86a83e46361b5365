"""A create whose answer was lost, then a reschedule to before another of the host's meetings:
the next sync still finds the meeting the lost create made, and Zoom holds one per row.

Zoom lists a host's meetings by start time; the lost create's meeting is at the row's old time,
listed after a meeting that starts later than the row's new time. A look-up that stopped at the
first meeting past the row's start missed it and made a duplicate (seen once in a chaos run).
"""

import pytest

from tests.integration.conftest import fresh, in_days, sync, zoom_time
from zoom_worker.meetings.services import standalone_meeting_create, standalone_meeting_update
from zoom_worker.meetings.sync import SyncResult

pytestmark = pytest.mark.django_db


def test_the_lost_create_is_adopted_after_a_reschedule(expert, ready_meeting, lost_create, sandbox):
    # given another meeting of the host in two days
    other = ready_meeting()
    # and a meeting in three days whose create Zoom carried out but whose answer was lost
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=in_days(3), duration=45
    )
    lost_create(meeting)
    # when it is rescheduled to tomorrow, before the other meeting, and synced again
    standalone_meeting_update(meeting=meeting, changes={"start_time": in_days(1)})
    result = sync(meeting)
    # then the lost create's meeting was adopted and moved: one Zoom meeting per row
    assert result == SyncResult.READY
    adopted = fresh(meeting)
    held = {str(listed["id"]): listed for listed in sandbox.meetings()}
    assert sorted(held) == sorted([fresh(other).zoom_meeting_id, adopted.zoom_meeting_id])
    assert held[adopted.zoom_meeting_id]["start_time"] == zoom_time(adopted.start_time)
    assert sandbox.state()["counters"]["requests"]["create"] == 2
