"""The rules written once on Meeting: which rows a worker may claim, which the reconciler
re-publishes, and when anyone may be handed a link to join."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting


@pytest.fixture
def meeting(expert):
    return standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )


def claimable(meeting, worker="w1", now=None) -> bool:
    now = now or timezone.now()
    return Meeting.objects.filter(pk=meeting.pk).claimable(now=now, worker_id=worker).exists()


@pytest.mark.django_db
def test_claimable_only_when_out_of_sync_free_and_due(meeting):
    now = timezone.now()
    # given an out-of-sync meeting nobody holds: claimable
    assert claimable(meeting)
    # when another worker holds a live lease, then only that worker may take it back
    Meeting.objects.filter(pk=meeting.pk).update(
        lease_owner="w2", lease_expires_at=now + timedelta(seconds=60)
    )
    assert not claimable(meeting, "w1")
    assert claimable(meeting, "w2")
    # when the lease has expired, then anyone may take it
    Meeting.objects.filter(pk=meeting.pk).update(lease_expires_at=now - timedelta(seconds=1))
    assert claimable(meeting, "w1")
    # when it is deferred to later, then nobody may
    Meeting.objects.filter(pk=meeting.pk).update(not_before=now + timedelta(hours=1))
    assert not claimable(meeting, "w1")
    # when it is in sync, then nobody may
    Meeting.objects.filter(pk=meeting.pk).update(not_before=None, synced_version=1)
    assert not claimable(meeting, "w1")


@pytest.mark.django_db
def test_due_for_reconcile_when_idle_or_when_a_deferral_ends(meeting):
    now = timezone.now()
    stale_before = now - timedelta(seconds=120)

    def due() -> bool:
        return Meeting.objects.due_for_reconcile(now=now, stale_before=stale_before).exists()

    # given a meeting changed just now: its own event is on its way
    assert not due()
    # when it has sat idle past the stale bound, then it is due
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=now - timedelta(seconds=300))
    assert due()
    # when its deferral ended after its last change, then it is due however recent the change
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=now - timedelta(seconds=5), not_before=now - timedelta(seconds=1)
    )
    assert due()


@pytest.mark.django_db
def test_joinable_only_while_zoom_holds_it_and_lunova_wants_it(meeting):
    # given a meeting Zoom does not hold yet: not joinable
    assert not meeting.is_joinable
    # when Zoom holds it, then it is joinable
    meeting.zoom_meeting_id = "81234567890"
    meeting.status = Meeting.Status.READY
    assert meeting.is_joinable
    # when Lunova no longer wants it, then not, even while Zoom still holds it
    meeting.wanted = Meeting.Wanted.GONE
    meeting.status = Meeting.Status.PENDING
    assert not meeting.is_joinable
    meeting.status = Meeting.Status.FAILED
    assert not meeting.is_joinable
