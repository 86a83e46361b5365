"""Zoom's daily cap on a create no pool host can take over: the meeting is deferred to 00:00 UTC
with its lease let go, neither retried from the queue nor failed."""

import pytest

from tests.integration.conftest import fresh, next_midnight_utc, sync
from zoom_worker.meetings.sync import SyncResult
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db


def test_a_create_over_the_daily_cap_is_deferred_to_midnight_utc(new_meeting, sandbox):
    # given the host's daily cap is spent at Zoom, and no pool to move the meeting to
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "daily_cap"}])
    # when the worker syncs the meeting
    result = sync(meeting)
    # then it is parked until Zoom's day turns, pending and free for whoever syncs it then
    assert result == SyncResult.DEFERRED
    parked = fresh(meeting)
    assert parked.status == Meeting.Status.PENDING
    assert parked.lease_owner == ""
    assert abs((parked.not_before - next_midnight_utc()).total_seconds()) < 2
    assert parked.zoom_meeting_id is None
    assert sandbox.meetings() == []
