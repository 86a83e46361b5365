"""A sync task never outlives the lease it takes on its meeting: it is told to stop, then killed,
before the lease could expire and let a second worker act on the same meeting."""

from django.conf import settings

from zoom_worker.tasks import sync_meeting


def test_a_sync_is_stopped_and_killed_within_its_lease():
    # then the soft limit comes first, the hard one still inside LUNOVA_SYNC_LEASE
    assert sync_meeting.soft_time_limit is not None
    assert sync_meeting.time_limit is not None
    assert 0 < sync_meeting.soft_time_limit < sync_meeting.time_limit < settings.LUNOVA_SYNC_LEASE
