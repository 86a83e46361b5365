"""meetings/lease.py, `lease_claim`: one statement takes a meeting's lease when it is this
worker's to take, and returns the row as an ORM read would."""

import uuid
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.lease import lease_claim
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import FormerZoomMeeting, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(expert) -> Meeting:
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    Meeting.objects.filter(pk=meeting.pk).update(zoom_state={"topic": "Terapi"})
    return meeting


def test_a_pending_meeting_is_taken_and_returned_as_read(pending):
    # given a pending meeting nobody holds
    # when a worker claims it
    claimed = lease_claim(meeting_id=pending.pk, worker_id="w1")
    # then the row comes back with the lease taken and its values converted as the ORM reads them
    stored = Meeting.objects.get(pk=pending.pk)
    assert claimed.pk == pending.pk
    assert (claimed.lease_owner, stored.lease_owner) == ("w1", "w1")
    assert claimed.lease_expires_at == stored.lease_expires_at > timezone.now()
    assert claimed.zoom_state == {"topic": "Terapi"}
    assert isinstance(claimed.marker, uuid.UUID) and claimed.marker == stored.marker
    assert isinstance(claimed.start_time, datetime) and claimed.start_time == stored.start_time
    assert claimed.has_former_meetings is False


def test_a_held_lease_is_refused_to_another_worker_and_taken_back_by_its_own(pending):
    # given a meeting one worker holds
    lease_claim(meeting_id=pending.pk, worker_id="w1")
    # when another worker, then the same one (a redelivered task) claims it
    other = lease_claim(meeting_id=pending.pk, worker_id="w2")
    again = lease_claim(meeting_id=pending.pk, worker_id="w1")
    # then the other gets nothing and the holder gets it back
    assert other is None
    assert again is not None and again.lease_owner == "w1"


def test_an_expired_lease_goes_to_the_next_worker(pending):
    # given a lease that expired
    lease_claim(meeting_id=pending.pk, worker_id="w1")
    Meeting.objects.filter(pk=pending.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    # when another worker claims it
    claimed = lease_claim(meeting_id=pending.pk, worker_id="w2")
    # then it is that worker's
    assert claimed.lease_owner == "w2"
    assert Meeting.objects.get(pk=pending.pk).lease_owner == "w2"


@pytest.mark.parametrize(
    "change",
    [
        {"synced_version": 1},  # in sync
        {"not_before": timezone.now() + timedelta(hours=1)},  # deferred
    ],
    ids=["in sync", "deferred"],
)
def test_a_meeting_in_sync_or_deferred_is_not_taken(pending, change):
    # given a meeting in sync (its version synced) or deferred
    Meeting.objects.filter(pk=pending.pk).update(**change)
    # when a worker claims it
    claimed = lease_claim(meeting_id=pending.pk, worker_id="w1")
    # then nothing is taken
    assert claimed is None
    assert Meeting.objects.get(pk=pending.pk).lease_owner == ""


def test_former_meetings_awaiting_deletion_are_told(pending):
    # given a meeting left on a former host
    FormerZoomMeeting.objects.create(meeting=pending, host="old@example.com", zoom_meeting_id="9")
    # when a worker claims the meeting
    claimed = lease_claim(meeting_id=pending.pk, worker_id="w1")
    # then the row says former meetings await
    assert claimed.has_former_meetings is True
