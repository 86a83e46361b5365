"""20 bookings for the same hour fired at once against 3 seats: exactly 3 are taken, 17 are
refused with no_host_free, and Zoom ends up holding 3 meetings on 3 different seats.

On PostgreSQL every booking reads the seats as free at once: only the exclusion constraint
stops the second insert of a seat (run without it, all 20 are booked); on SQLite the IMMEDIATE
transactions serialise them.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.conftest import wait_until
from tests.integration.pool.conftest import (
    HOSTS,
    assert_no_host_over_its_concurrency,
    assert_seats_distinct,
    next_hour,
)
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import HostSeat, Meeting
from zoom_worker.pool.seats import NoHostFree

BOOKINGS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_bookings_at_once_take_exactly_the_three_seats(
    expert, client_user, pool, worker, sandbox
):
    # given a pool of 3 seats: one host of concurrency 1, one of concurrency 2
    hosts = pool({HOSTS[0]: 1, HOSTS[1]: 2})
    start = next_hour()
    barrier = threading.Barrier(BOOKINGS)

    def book(_index: int) -> str:
        # Each thread has its own database connection; all start their transaction together.
        try:
            barrier.wait(timeout=30)
            appointment_create(expert=expert, client=client_user, start_time=start, duration=60)
            return "created"
        except NoHostFree:
            return "no_host_free"
        finally:
            connection.close()

    # when 20 bookings for the same hour are fired at once
    with ThreadPoolExecutor(max_workers=BOOKINGS) as threads:
        outcomes = list(threads.map(book, range(BOOKINGS)))

    # then exactly 3 were created and 17 refused, on 3 different seats
    assert outcomes.count("created") == 3, outcomes
    assert outcomes.count("no_host_free") == BOOKINGS - 3
    assert Meeting.objects.count() == 3
    assert len(set(HostSeat.objects.values_list("host", "seat"))) == 3
    assert_seats_distinct()
    # and once the workers drain, Zoom holds 3 meetings, no host over its concurrency
    wait_until(
        lambda: Meeting.objects.filter(status=Meeting.Status.READY).count() == 3,
        timeout=60,
        message="the three meetings did not become ready",
    )
    held = sandbox.meetings()
    assert len(held) == 3
    assert sorted(m["host_email"] for m in held) == sorted([HOSTS[0], HOSTS[1], HOSTS[1]])
    assert_no_host_over_its_concurrency(sandbox, hosts)
