"""meetings/sync.py: Zoom asking for an absurdly long pause parks the meeting within the
Retry-After bound, rather than crashing the sync on a deadline no datetime can hold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.meetings.sync import SyncResult, meeting_sync
from zoom_worker.models import Meeting
from zoom_worker.zoom.times import RETRY_AFTER_MAX


@pytest.mark.django_db
def test_a_huge_retry_after_from_zoom_defers_the_meeting_within_the_bound(expert, sandbox):
    # Given a meeting in three days, and Zoom answering its create 429, Retry-After: 1e12
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=3), duration=45
    )
    sandbox.set_faults(script=[{"op": "create", "fault": "429", "retry_after": "1e12"}])

    # When the worker syncs it
    result = meeting_sync(meeting_id=meeting.pk, worker_id="worker-1")

    # Then it is parked, pending, until the bound and no longer
    parked = Meeting.objects.get(pk=meeting.pk)
    assert result is SyncResult.DEFERRED
    assert parked.status == Meeting.Status.PENDING
    waits = parked.not_before - timezone.now()
    assert timedelta(seconds=RETRY_AFTER_MAX - 60) < waits <= timedelta(seconds=RETRY_AFTER_MAX)
