"""services/lease.py: what Zoom answered for a host the meeting has left (it moved to another
pool host meanwhile) is not written onto the row; the move recorded that meeting for deletion."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.lease import lease_write_back
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting


@pytest.mark.django_db
def test_an_answer_for_the_former_host_is_not_kept(expert):
    # given a meeting that a worker is creating under host a, moved to host b meanwhile
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1)
    )
    Meeting.objects.filter(pk=meeting.pk).update(host="b@pool.test", lease_owner="w1")
    # when that worker writes back what Zoom answered for host a
    lease_write_back(
        meeting_id=meeting.pk,
        worker_id="w1",
        version=meeting.version,
        host="a@pool.test",
        status=Meeting.Status.READY,
        error="",
        facts={"zoom_meeting_id": "999", "join_url": "https://zoom.us/j/999"},
    )
    # then the row does not take host a's meeting as its own
    row = Meeting.objects.get(pk=meeting.pk)
    assert (row.zoom_meeting_id, row.join_url) == (None, "")
