"""Zoom's limits are respected fleet-wide, not discovered: the per-second limit through the Redis
token bucket every worker process shares, the per-host daily cap through the Redis counter."""

import time

import pytest

from tests.conftest import wait_until
from tests.integration.conftest import fresh, next_midnight_utc, report_figures, wait_until_ready
from zoom_worker.models import Meeting

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

RATE = 10  # creates a second, Zoom's and the workers' alike
CREATES = 100  # also Zoom's daily cap per host


def test_hundred_creates_keep_under_zoom_limits_and_the_next_waits_for_midnight(
    new_meeting, workers, sandbox, settings
):
    # given Zoom allowing 10 creates a second, and two worker processes told the same
    # (one expert books them all, and one more: the fair-use daily quota is not measured here)
    settings.LUNOVA_EXPERT_DAILY_MEETINGS = CREATES + 1
    sandbox.set_limits(medium_per_second=RATE)
    for name in ("a", "b"):
        workers.start(name=name, ZOOM_RATE_MEDIUM=RATE)
    wait_until_ready(workers)
    # when 100 meetings of one host are booked at once
    started = time.monotonic()
    for _meeting in range(CREATES):
        new_meeting()
    wait_until(
        lambda: Meeting.objects.filter(status=Meeting.Status.READY).count() == CREATES,
        timeout=60,
        interval=0.25,
        message="not every meeting became ready",
    )
    took = time.monotonic() - started
    counters = sandbox.state()["counters"]
    report_figures(
        "rate-limits",
        {
            "creates": CREATES,
            "zoom_medium_limit_per_second": RATE,
            "worker_processes": 2,
            "seconds_to_all_ready": round(took, 1),
            "zoom_429s": counters["rate_limited"],
            "zoom_requests": counters["requests"],
        },
    )
    # then Zoom made every one, paced at its limit, with few or no 429s
    assert len(sandbox.meetings()) == CREATES
    assert counters["rate_limited"] <= CREATES // 100
    assert took >= (CREATES - 1) / RATE
    # when the host's 101st create of the UTC day is booked
    extra = new_meeting()
    wait_until(lambda: fresh(extra).not_before is not None, timeout=30)
    # then it waits for 00:00 UTC, pending with the reason, and Zoom never saw it
    deferred = fresh(extra)
    assert deferred.status == Meeting.Status.PENDING
    assert abs((deferred.not_before - next_midnight_utc()).total_seconds()) < 2
    assert deferred.not_before.strftime("%Y-%m-%d %H:%M") in deferred.last_error
    assert sandbox.state()["counters"]["requests"]["create"] == CREATES + counters["rate_limited"]
