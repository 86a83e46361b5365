import itertools
import threading
import time
from datetime import UTC, datetime, timedelta, timezone

import fakeredis
import pytest

from tests.unit.zoom.conftest import FakeClock
from zoom_worker.zoom.errors import ZoomRateLimited
from zoom_worker.zoom.limits import ZoomLimiter, seconds_to_utc_midnight

PREFIX = "test:zoom"


def make_limiter(
    redis_client: fakeredis.FakeRedis,
    clock: FakeClock | None = None,
    *,
    medium: float = 10,
    light: float = 20,
    daily_cap: int = 3,
    max_wait: float = 10.0,
) -> ZoomLimiter:
    if clock is None:
        return ZoomLimiter(
            redis_client,
            medium_per_second=medium,
            light_per_second=light,
            daily_cap=daily_cap,
            prefix=PREFIX,
            max_wait=max_wait,
        )
    return ZoomLimiter(
        redis_client,
        medium_per_second=medium,
        light_per_second=light,
        daily_cap=daily_cap,
        prefix=PREFIX,
        max_wait=max_wait,
        clock=clock,
        sleep=clock.sleep,
    )


def test_two_processes_share_one_per_second_budget(
    redis_server: fakeredis.FakeServer, clock: FakeClock
) -> None:
    # Given two "processes" on the same Redis, medium at 10/s
    first = make_limiter(fakeredis.FakeRedis(server=redis_server), clock)
    second = make_limiter(fakeredis.FakeRedis(server=redis_server), clock)
    start = clock.now

    # When they take 30 medium slots between them
    granted_at = []
    for index in range(30):
        (first if index % 2 else second).acquire("medium")
        granted_at.append(clock.now - start)

    # Then slots are 0.1 s apart fleet-wide: 30 slots take 2.9 s, never more than 11 in a second
    assert granted_at[-1] == pytest.approx(2.9, abs=1e-5)
    gaps = [later - earlier for earlier, later in itertools.pairwise(granted_at)]
    assert gaps == [pytest.approx(0.1, abs=1e-5)] * 29
    assert max(sum(1 for t in granted_at if s <= t < s + 1) for s in granted_at) <= 11


def test_an_idle_bucket_grants_at_once(redis_client: fakeredis.FakeRedis, clock: FakeClock) -> None:
    # Given
    limiter = make_limiter(redis_client, clock)
    limiter.acquire("medium")
    clock.now += 5

    # When
    limiter.acquire("medium")

    # Then
    assert clock.slept == []


def test_categories_have_separate_budgets(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given
    limiter = make_limiter(redis_client, clock)
    limiter.acquire("medium")

    # When
    limiter.acquire("light")

    # Then
    assert clock.slept == []


def test_real_threads_in_two_processes_do_not_exceed_the_rate(
    redis_server: fakeredis.FakeServer,
) -> None:
    # Given two limiters on real time, 100/s, each in its own thread
    limiters = [make_limiter(fakeredis.FakeRedis(server=redis_server), light=100) for _ in range(2)]

    def take(limiter: ZoomLimiter) -> None:
        for _ in range(20):
            limiter.acquire("light")

    # When 40 slots are taken
    started = time.monotonic()
    threads = [threading.Thread(target=take, args=(limiter,)) for limiter in limiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    elapsed = time.monotonic() - started

    # Then they took at least 39 intervals of 10 ms (and not absurdly longer)
    assert 0.38 <= elapsed < 2.0


def test_a_wait_beyond_max_wait_is_refused_without_booking(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given medium at 1/s, 3 s of waiting allowed, and the fleet's next slot 4 s away
    limiter = make_limiter(redis_client, clock, medium=1, max_wait=3)
    redis_client.set(f"{PREFIX}:rate:medium", f"{clock.now + 4:.6f}")

    # When
    with pytest.raises(ZoomRateLimited) as caught:
        limiter.acquire("medium")

    # Then
    assert caught.value.retry_after == pytest.approx(4)
    assert caught.value.daily is False
    assert caught.value.http_status is None
    assert clock.slept == []
    clock.now += 1
    limiter.acquire("medium")
    assert clock.slept == [pytest.approx(3)]


def test_an_unknown_category_is_a_programming_error(redis_client: fakeredis.FakeRedis) -> None:
    with pytest.raises(ValueError, match="heavy"):
        make_limiter(redis_client).acquire("heavy")  # type: ignore[arg-type]


def test_daily_cap_refuses_until_utc_midnight_and_keeps_the_count(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given a cap of 3 at 21:00 UTC, already used up
    limiter = make_limiter(redis_client, clock, daily_cap=3)
    for _ in range(3):
        limiter.take_daily("expert@lunova.example")

    # When
    with pytest.raises(ZoomRateLimited) as caught:
        limiter.take_daily("expert@lunova.example")

    # Then
    error = caught.value
    assert error.daily is True
    assert error.retry_after == pytest.approx(3 * 3600)
    assert (error.http_status, error.code) == (None, None)
    assert "daily cap of 3" in error.message
    key = f"{PREFIX}:daily:2024-01-15:expert@lunova.example"
    assert redis_client.get(key) == b"3"
    assert 47 * 3600 < redis_client.ttl(key) <= 48 * 3600


def test_daily_cap_is_per_host_and_ignores_e_mail_case(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given
    limiter = make_limiter(redis_client, clock, daily_cap=1)
    limiter.take_daily("Expert@Lunova.example")

    # When / Then
    with pytest.raises(ZoomRateLimited):
        limiter.take_daily("expert@lunova.example")
    limiter.take_daily("other@lunova.example")


def test_daily_cap_resets_at_utc_midnight(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given
    limiter = make_limiter(redis_client, clock, daily_cap=1)
    limiter.take_daily("host")

    # When the clock passes 00:00 UTC
    clock.now += 3 * 3600

    # Then the day's one request is there again, and only one
    limiter.take_daily("host")
    with pytest.raises(ZoomRateLimited) as caught:
        limiter.take_daily("host")
    assert caught.value.daily


def test_mark_daily_exhausted_stops_the_host_for_the_day(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given Zoom said the host's cap is spent although we counted only one
    limiter = make_limiter(redis_client, clock, daily_cap=100)
    limiter.take_daily("host")

    # When
    limiter.mark_daily_exhausted("host")

    # Then
    with pytest.raises(ZoomRateLimited) as caught:
        limiter.take_daily("host")
    assert caught.value.daily is True
    assert redis_client.get(f"{PREFIX}:daily:2024-01-15:host") == b"100"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2024, 1, 15, 23, 59, 30, tzinfo=UTC), 30),
        (datetime(2024, 1, 15, 0, 0, tzinfo=UTC), 86400),
        # 01:30 in Istanbul is still 22:30 UTC the day before.
        (datetime(2024, 1, 16, 1, 30, tzinfo=timezone(timedelta(hours=3))), 1.5 * 3600),
    ],
)
def test_seconds_to_utc_midnight(now: datetime, expected: float) -> None:
    assert seconds_to_utc_midnight(now) == pytest.approx(expected)


def test_a_per_second_429_cuts_the_rate_below_what_zoom_took_for_every_process(
    redis_server: fakeredis.FakeServer, clock: FakeClock
) -> None:
    # Given a fleet of two processes at a plan of 10/s, where Zoom took 6 requests last second
    first = make_limiter(fakeredis.FakeRedis(server=redis_server), clock)
    second = make_limiter(fakeredis.FakeRedis(server=redis_server), clock)
    for _ in range(6):
        first.acquire("medium")
        first.succeeded("medium")
    clock.now += 0.3

    # When one process meets a per-second 429
    first.rate_limited("medium")

    # Then the other process books at the lowered rate at once: 0.9 × 6/s, after the 0.4 s
    # Zoom's second still had to run (6 requests at 10/s took 0.6 s of it)
    assert second.rate("medium") == pytest.approx(5.4)
    start = clock.now
    second.acquire("medium")
    assert clock.now - start == pytest.approx(0.4, abs=1e-5)
    second.acquire("medium")
    assert clock.now - start == pytest.approx(0.4 + 1 / 5.4, abs=1e-5)
    assert second.rate("light") == 20


def test_429s_within_the_hold_after_a_cut_do_not_cut_again(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given a cut just made (no success seen: the rate itself is cut)
    limiter = make_limiter(redis_client, clock)
    limiter.rate_limited("medium")
    assert limiter.rate("medium") == pytest.approx(9)

    # When more 429s arrive within a second, answering requests sent at the old rate
    clock.now += 0.5
    limiter.rate_limited("medium")
    # Then the rate stays; after the hold another 429 cuts again
    assert limiter.rate("medium") == pytest.approx(9)
    clock.now += 0.6
    limiter.rate_limited("medium")
    assert limiter.rate("medium") == pytest.approx(8.1)


def test_the_rate_never_falls_below_a_twentieth_of_the_plan(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    limiter = make_limiter(redis_client, clock)
    for _ in range(60):
        limiter.rate_limited("medium")
        clock.now += 1.1
    assert limiter.rate("medium") == pytest.approx(0.5)


def test_successes_let_the_rate_climb_back_to_the_plan_in_about_a_minute(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given the rate cut to 9/s (plan 10/s)
    limiter = make_limiter(redis_client, clock)
    limiter.rate_limited("medium")
    clock.now += 1.1

    # When requests succeed at the rate allowed for 3 s
    climbed = []
    for _ in range(3):
        second_ends = clock.now + 1
        while clock.now < second_ends:
            limiter.acquire("medium")
            limiter.succeeded("medium")
        climbed.append(limiter.rate("medium"))

    # Then it climbs about a sixtieth of the plan a second, and stops at the plan
    assert climbed == sorted(climbed)
    assert climbed[-1] - 9 == pytest.approx(3 * 10 / 60, rel=0.2)
    for _ in range(1000):
        limiter.succeeded("medium")
    assert limiter.rate("medium") == 10
    assert not redis_client.exists(f"{PREFIX}:rate:medium:adaptive")


def test_a_redis_failure_noting_a_success_is_not_raised(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given a limiter whose Redis has gone away after the request was sent
    limiter = make_limiter(redis_client, clock)
    redis_client.connected = False

    # When / Then: the request Zoom took is not failed after the fact
    limiter.succeeded("medium")


def test_a_slot_and_the_hosts_day_are_taken_in_one_round_trip_and_a_spent_host_books_none(
    redis_client: fakeredis.FakeRedis, clock: FakeClock
) -> None:
    # Given a cap of 2 a day and a limiter counting its round trips to Redis
    limiter = make_limiter(redis_client, clock, medium=1, daily_cap=2)
    limiter.acquire("light")  # Redis has loaded the script
    sent = []
    execute = redis_client.execute_command
    redis_client.execute_command = lambda *args, **kw: sent.append(args[0]) or execute(*args, **kw)

    # When three creates for one host ask for a slot, one a second
    limiter.acquire("medium", daily_host="Expert@lunova.example")
    clock.now += 1
    limiter.acquire("medium", daily_host="expert@lunova.example")
    clock.now += 1
    with pytest.raises(ZoomRateLimited) as caught:
        limiter.acquire("medium", daily_host="expert@lunova.example")

    # Then each took one round trip, the day counts the two sent, and the third, refused for
    # the day, left the next slot free
    assert len(sent) == 3
    assert caught.value.daily is True
    assert limiter.daily_used(["expert@lunova.example"]) == {"expert@lunova.example": 2}
    limiter.acquire("medium")
    assert clock.slept == []
