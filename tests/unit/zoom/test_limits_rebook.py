"""zoom/limits.py: a process that slept until a slot booked at the old rate books again when
the fleet's rate was cut meanwhile (Zoom would refuse that slot as it refused the request that
caused the cut), and counts the host's day once."""

import fakeredis
import pytest

from tests.unit.zoom.conftest import FakeClock
from tests.unit.zoom.test_limits import make_limiter


@pytest.fixture
def fleet(redis_server: fakeredis.FakeServer, clock: FakeClock):
    """Two processes at 10/s; the second has booked five slots not sent yet, so the first's
    next slot is some way off."""
    first, second = (make_limiter(fakeredis.FakeRedis(server=redis_server), clock) for _ in "ab")
    for _slot in range(5):
        second.acquire("medium")
    clock.now -= 0.5
    return first, second


def cut_while_asleep(limiter, other):
    """Make `limiter` sleep on its clock, and have `other` meet a 429 during its first sleep."""
    clock, slept = limiter._clock, []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds / 2
        if len(slept) == 1:
            other.rate_limited("medium")
        clock.now += seconds / 2

    limiter._sleep = sleep
    return slept


def test_a_slot_booked_before_a_cut_is_booked_again_at_the_new_rate(fleet) -> None:
    # given two processes, the first's next slot some way off
    first, second = fleet
    slept = cut_while_asleep(first, second)
    # when the first waits for its slot and the second meets a 429 meanwhile
    first.acquire("medium", daily_host="host@example.com")
    # then the first slept twice: for its old slot, then for one in the slowed schedule
    assert len(slept) == 2
    assert first.rate("medium") < 10
    # and the host's day counts the request once
    assert first.daily_used(["host@example.com"]) == {"host@example.com": 1}


def test_without_a_cut_a_slot_is_waited_for_once(fleet, clock: FakeClock) -> None:
    # given two processes, the first's next slot some way off
    first, _second = fleet
    before = len(clock.slept)
    # when the first waits for it and nothing is cut
    first.acquire("medium")
    # then it slept once, for its slot
    assert len(clock.slept) == before + 1
