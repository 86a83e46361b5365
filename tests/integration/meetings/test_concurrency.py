"""Two workers on one meeting never both act on Zoom, and an older state never overwrites a newer.

The lease (a compare-and-set UPDATE) lets one worker at a time act; it is renewed before every
call that changes Zoom, and the write-back marks the meeting synced only at the version it read.
"""

from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from django.db import connections
from django.utils import timezone
from django_celery_results.models import TaskResult

from tests.conftest import wait_until
from tests.integration.conftest import fresh, in_days, sync, zoom_time
from zoom_worker.core.dispatch import dispatch_now
from zoom_worker.core.retry import RetryLater
from zoom_worker.core.task_names import SYNC_MEETING
from zoom_worker.meetings.services import standalone_meeting_update
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

COPIES = 8


def in_thread(function, *args, **kwargs) -> Future:
    """Run `function` in another thread with its own database connection, as a worker would."""

    def run():
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    executor = ThreadPoolExecutor(max_workers=1)
    future = executor.submit(run)
    executor.shutdown(wait=False)
    return future


def requests_for(sandbox, op: str) -> int:
    return sandbox.state()["counters"]["requests"][op]


def sync_results() -> Counter:
    """What each finished sync task returned, as stored by the result backend."""
    return Counter(
        result.result.strip('"')
        for result in TaskResult.objects.filter(task_name="lunova.sync_meeting", status="SUCCESS")
    )


def test_copies_of_one_event_across_two_workers_act_on_zoom_once(new_meeting, workers, sandbox):
    # given two worker processes and a slow Zoom, so that deliveries of one event overlap
    sandbox.set_faults(latency_ms=300)
    workers.start(name="a")
    workers.start(name="b")
    # when a booking's event is delivered eight times (published on commit, then seven copies)
    meeting = new_meeting()
    for _copy in range(COPIES - 1):
        dispatch_now(SYNC_MEETING, object_id=meeting.pk)
    wait_until(lambda: sum(sync_results().values()) == COPIES, timeout=60)
    # then one task made the meeting, the others found nothing to do, and Zoom got one create
    assert sync_results() == {"ready": 1, "nothing": COPIES - 1}
    assert requests_for(sandbox, "create") == 1
    [held] = sandbox.meetings()
    assert str(held["id"]) == fresh(meeting).zoom_meeting_id
    assert fresh(meeting).attempts.filter(action="create").count() == 1


def test_newer_state_arriving_mid_call_is_what_zoom_ends_with(ready_meeting, sandbox):
    # given a reschedule being PATCHed to a slow Zoom by worker A
    meeting = ready_meeting()
    standalone_meeting_update(meeting=meeting, changes={"start_time": in_days(3), "duration": 50})
    sandbox.set_faults(latency_ms=800)
    first = in_thread(sync, meeting, "worker-a")
    wait_until(lambda: requests_for(sandbox, "patch") == 1, timeout=5)
    # when a newer reschedule lands meanwhile, and its event reaches worker B at once
    latest = in_days(4)
    standalone_meeting_update(
        meeting=fresh(meeting), changes={"start_time": latest, "duration": 55}
    )
    # then B leaves the meeting to A, which holds it
    assert sync(meeting, "worker-b") == "nothing"
    # and A, finding the version moved on, goes round again and sends the newer state
    assert first.result(timeout=10) == Meeting.Status.READY
    synced = fresh(meeting)
    assert synced.in_sync and synced.version == 3
    [held] = sandbox.meetings()
    assert (held["start_time"], held["duration"]) == (zoom_time(latest), 55)
    assert requests_for(sandbox, "patch") == 2
    # and a late copy of the older event changes nothing
    assert sync(meeting, "worker-c") == "nothing"
    assert requests_for(sandbox, "patch") == 2


def test_worker_that_outlived_its_lease_makes_no_second_meeting(new_meeting, sandbox, settings):
    # given a create that failed (so the next attempt looks for the meeting first), a short
    # lease, and a marker lookup that answers worker A long after its lease lapsed
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "500"}])
    with pytest.raises(RetryLater):
        sync(meeting)
    settings.LUNOVA_SYNC_LEASE = 1
    sandbox.set_faults(script=[{"op": "list", "fault": "timeout", "seconds": 2}])
    slow = in_thread(sync, meeting, "worker-a")
    wait_until(lambda: fresh(meeting).lease_owner == "worker-a", timeout=5)
    wait_until(lambda: fresh(meeting).lease_expires_at < timezone.now(), timeout=5)
    # when worker B takes the meeting over and makes it
    assert sync(meeting, "worker-b") == Meeting.Status.READY
    # then A, back with a lookup that found nothing, sees the lease gone and creates nothing
    assert slow.result(timeout=10) == "lease_lost"
    assert requests_for(sandbox, "create") == 2  # the failed one and B's
    [held] = sandbox.meetings()
    assert str(held["id"]) == fresh(meeting).zoom_meeting_id
