"""Through a real worker process: a transient failure becomes a Celery retry whose countdown
honours Retry-After and backs off with jitter, capped by LUNOVA_RETRY_BACKOFF_MAX (2 s here)."""

from itertools import pairwise

import pytest

from tests.conftest import wait_until
from tests.integration.conftest import fresh
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

BACKOFF_MAX = 2  # service_env's LUNOVA_RETRY_BACKOFF_MAX for worker processes
# Time a retry needs besides its countdown: the broker hop, a task start, the token.
OVERHEAD = 1.5


def create_gaps(meeting: Meeting) -> list[float]:
    """Seconds between one create attempt and the next."""
    starts = [a.started_at for a in meeting.attempts.filter(action="create").order_by("id")]
    return [(later - earlier).total_seconds() for earlier, later in pairwise(starts)]


def test_worker_retries_an_outage_with_capped_backoff_until_zoom_answers(
    new_meeting, worker, sandbox
):
    # given Zoom failing the create four times over
    sandbox.set_faults(script=[{"op": "create", "fault": "503"}] * 4)
    # when a meeting is booked
    meeting = new_meeting()
    # then the worker keeps retrying until the meeting is made, waiting at most the cap each time
    wait_until(lambda: fresh(meeting).status == Meeting.Status.READY, timeout=30)
    outcomes = list(
        fresh(meeting).attempts.filter(action="create").order_by("id").values_list("outcome")
    )
    assert outcomes == [("transient",)] * 4 + [("ok",)]
    assert all(0.5 <= gap <= BACKOFF_MAX + OVERHEAD for gap in create_gaps(fresh(meeting)))
    assert len(sandbox.meetings()) == 1


def test_worker_waits_out_retry_after(new_meeting, worker, sandbox):
    # given a 429 whose Retry-After equals the backoff cap
    sandbox.set_faults(script=[{"op": "create", "fault": "429", "retry_after": str(BACKOFF_MAX)}])
    # when a meeting is booked
    meeting = new_meeting()
    # then the retry comes no sooner than Zoom asked
    wait_until(lambda: fresh(meeting).status == Meeting.Status.READY, timeout=30)
    [gap] = create_gaps(fresh(meeting))
    assert BACKOFF_MAX <= gap <= BACKOFF_MAX + OVERHEAD
