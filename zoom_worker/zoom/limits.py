"""Zoom's rate limits, kept fleet-wide in Redis so they are respected rather than found by 429s.

Per second (per account, by category): requests are booked on a shared schedule and each caller
sleeps until its slot. The schedule's rate adapts, for the whole fleet at once: Zoom's per-second
budget is the account's, shared with every other app on it, so it can be lower than the plan's.
A per-second 429 lowers the rate (to a little under what Zoom took in the last second), each
success raises it again, slowly, up to the configured plan (additive increase, multiplicative
decrease, as TCP does).
Per day (per host user, 00:00 UTC reset): create/update requests are counted.
"""

import logging
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Literal

import redis

from zoom_worker.zoom.errors import ZoomRateLimited

logger = logging.getLogger(__name__)

Category = Literal["medium", "light"]

DAILY_KEY_TTL_SECONDS = 48 * 3600
DEFAULT_PREFIX = "lunova:zoom"

# A token bucket of capacity one, in its "virtual scheduling" form (GCRA): the key holds the
# instant of the next free slot. Each caller books that slot and is told how long to wait for it,
# so slots go out in order, 1/rate apart, whichever process asks; a booking further off than
# max_wait is not made (the caller comes back later instead of holding a worker).
# Capacity one because Zoom's second boundaries are unknown: a bucket of b lets b + rate requests
# into one of Zoom's seconds, strict spacing at most rate + 1.
# With a host (a create or an update), the same step counts the request in the host's day
# (KEYS[3]): one round trip for both, and a host past its cap books no slot.
# Lua because read-compute-write must be one atomic step across the fleet. `now` is the caller's
# clock (hosts are NTP-synced) and the schedule never moves backwards, whoever's clock lags.
_BOOK_SLOT = """
local now = tonumber(ARGV[1])
local interval = 1 / tonumber(redis.call('HGET', KEYS[2], 'rate') or ARGV[2])
local max_wait = tonumber(ARGV[3])
local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or now), now)
local wait = slot - now
if wait > max_wait then
    return {0, string.format('%.6f', wait)}
end
if KEYS[3] then
    local count = redis.call('INCR', KEYS[3])
    redis.call('EXPIRE', KEYS[3], tonumber(ARGV[5]))
    if count > tonumber(ARGV[4]) then
        redis.call('DECR', KEYS[3])
        return {2, string.format('%.6f', wait)}
    end
end
local next_slot = slot + interval
redis.call('SET', KEYS[1], string.format('%.6f', next_slot),
           'PX', math.ceil((next_slot - now) * 1000) + 1000)
return {1, string.format('%.6f', wait)}
"""

# The adaptive rate of a category: a hash holding `rate` (absent: the plan's) and `hold_until`.
# Successes are counted in buckets of 1/OK_BUCKETS s, so a 429 can see what Zoom took in the
# last second. A success raises the rate by INCREASE_PER_SECOND/rate: about INCREASE_PER_SECOND
# (a share of the plan) per second whatever the rate, so a cut is won back in a few seconds.
OK_BUCKETS = 10
DECREASE = 0.9  # a 429 sets the rate to this share of min(the rate, what Zoom took last second)
INCREASE_PER_SECOND = 1 / 60  # of the plan: from nothing back to the plan in about a minute
FLOOR = 1 / 20  # of the plan: the rate never goes lower
# 429s within this long after a cut answer requests sent at the old rate: they do not cut again.
# One second because Zoom's limits are per second.
HOLD_SECONDS = 1.0
# A process that slept until its slot books again when the rate was cut meanwhile, this many
# times at most (a cut holds HOLD_SECONDS, so a second one is a second later at the soonest).
REBOOKS_MAX = 2
# Left unused this long (no 429, no success), the rate goes back to the plan.
ADAPTIVE_TTL_SECONDS = 600

_NOTE_SUCCESS = """
local now = tonumber(ARGV[1])
local plan = tonumber(ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 3)
local rate = tonumber(redis.call('HGET', KEYS[1], 'rate') or '')
if not rate or now < tonumber(redis.call('HGET', KEYS[1], 'hold_until') or '0') then
    return
end
rate = rate + tonumber(ARGV[3]) * plan / rate
if rate >= plan then
    redis.call('DEL', KEYS[1])
    return
end
redis.call('HSET', KEYS[1], 'rate', string.format('%.6f', rate))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
"""

_SLOW_DOWN = """
local now = tonumber(ARGV[1])
local plan = tonumber(ARGV[2])
local rate = tonumber(redis.call('HGET', KEYS[1], 'rate') or plan)
if now < tonumber(redis.call('HGET', KEYS[1], 'hold_until') or '0') then
    return {0, string.format('%.6f', rate)}
end
local taken = 0
for index = 3, #KEYS do
    taken = taken + tonumber(redis.call('GET', KEYS[index]) or '0')
end
local target = rate
if taken > 0 and taken < rate then
    target = taken
    -- Zoom's second is full: at `rate` its `taken` requests came in the last taken/rate s, so
    -- the first of them leaves Zoom's window only 1 - taken/rate s from now. Nothing before.
    local resume = now + 1 - taken / rate
    local slot = tonumber(redis.call('GET', KEYS[2]) or now)
    if resume > slot then
        redis.call('SET', KEYS[2], string.format('%.6f', resume),
                   'PX', math.ceil((resume - now) * 1000) + 1000)
    end
end
rate = math.max(target * tonumber(ARGV[3]), plan * tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], 'rate', string.format('%.6f', rate),
           'hold_until', string.format('%.6f', now + tonumber(ARGV[5])))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[6]))
return {1, string.format('%.6f', rate)}
"""


def seconds_to_utc_midnight(now: datetime) -> float:
    """Seconds from `now` (aware) to the next 00:00 UTC, when Zoom resets its daily limits."""
    now = now.astimezone(UTC)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    return (midnight - now).total_seconds()


class ZoomLimiter:
    def __init__(
        self,
        redis_client: redis.Redis,
        *,
        medium_per_second: float,
        light_per_second: float,
        daily_cap: int,
        prefix: str = DEFAULT_PREFIX,
        max_wait: float = 10.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if medium_per_second <= 0 or light_per_second <= 0 or daily_cap < 1:
            raise ValueError("rates must be positive and the daily cap at least 1")
        self._redis = redis_client
        self._plans: dict[str, float] = {"medium": medium_per_second, "light": light_per_second}
        self._daily_cap = daily_cap
        self._prefix = prefix
        self._max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._book_slot = redis_client.register_script(_BOOK_SLOT)
        self._note_success = redis_client.register_script(_NOTE_SUCCESS)
        self._slow_down = redis_client.register_script(_SLOW_DOWN)

    def acquire(self, category: Category, *, daily_host: str | None = None) -> None:
        """Block until this process may send one request of `category` (Zoom: create and list
        are medium; get, update and delete are light); with `daily_host`, count it in that
        host's day as take_daily does, in the same round trip.

        Raises ZoomRateLimited when the fleet has booked more than max_wait seconds ahead, or
        when the host's daily cap is reached.
        """
        booked_at = self._clock()
        wait = self._book(category, now=booked_at, daily_host=daily_host)
        for _rebooking in range(REBOOKS_MAX):
            if wait <= 0:
                return
            self._sleep(wait)
            if not self._cut_since(category, booked_at):
                return
            # The fleet slowed down (a 429) while this process waited for a slot booked at the
            # old rate: Zoom would refuse it as it refused that one. Book again at the new rate,
            # in the new schedule; the host's day counted this request already.
            booked_at = self._clock()
            try:
                wait = self._book(category, now=booked_at, daily_host=None)
            except ZoomRateLimited:
                if daily_host is not None:
                    self.refund_daily(daily_host)  # not sent after all
                raise
        if wait > 0:
            self._sleep(wait)

    def _book(self, category: Category, *, now: float, daily_host: str | None) -> float:
        """Book the next slot: seconds to wait for it."""
        keys = [self._schedule_key(category), self._adaptive_key(category)]
        args = [repr(now), repr(self._plan(category)), repr(self._max_wait)]
        if daily_host is not None:
            keys.append(self._daily_key(daily_host))
            args += [self._daily_cap, DAILY_KEY_TTL_SECONDS]
        booked, wait = self._book_slot(keys=keys, args=args)
        wait = float(wait)
        if booked == 2:
            raise self._daily_cap_reached()
        if not booked:
            raise ZoomRateLimited(
                f"{category} Zoom requests are booked {wait:.1f} s ahead; try again later",
                retry_after=wait,
            )
        return wait

    def _cut_since(self, category: Category, instant: float) -> bool:
        """Whether the fleet's rate was cut after `instant` (a cut holds HOLD_SECONDS)."""
        hold_until = self._redis.hget(self._adaptive_key(category), "hold_until")
        return hold_until is not None and float(hold_until) - HOLD_SECONDS > instant

    def rate(self, category: Category) -> float:
        """The fleet's current rate of `category` per second (the plan's unless Zoom said 429)."""
        value = self._redis.hget(self._adaptive_key(category), "rate")
        return float(value) if value is not None else self._plan(category)

    def succeeded(self, category: Category) -> None:
        """Zoom took a request of `category`: count it, and let the rate climb a little."""
        now = self._clock()
        try:
            self._note_success(
                keys=[self._adaptive_key(category), self._ok_key(category, now)],
                args=[
                    repr(now),
                    repr(self._plan(category)),
                    repr(INCREASE_PER_SECOND),
                    ADAPTIVE_TTL_SECONDS,
                ],
            )
        except redis.RedisError:
            # The request is done in Zoom; failing it now would only make the caller repeat it.
            logger.warning("zoom rate: could not note a success in Redis", exc_info=True)

    def rate_limited(self, category: Category) -> None:
        """Zoom answered a per-second 429: slow the whole fleet's `category` down at once."""
        now = self._clock()
        bucket = self._bucket(now)
        lowered, rate = self._slow_down(
            keys=[self._adaptive_key(category), self._schedule_key(category)]
            + [self._ok_key_at(category, bucket - ago) for ago in range(OK_BUCKETS)],
            args=[
                repr(now),
                repr(self._plan(category)),
                repr(DECREASE),
                repr(FLOOR),
                repr(HOLD_SECONDS),
                ADAPTIVE_TTL_SECONDS,
            ],
        )
        if lowered:
            logger.warning("zoom %s rate lowered to %.2f/s after a 429", category, float(rate))

    def _plan(self, category: str) -> float:
        plan = self._plans.get(category)
        if plan is None:
            raise ValueError(f"unknown Zoom rate-limit category: {category!r}")
        return plan

    def _schedule_key(self, category: str) -> str:
        return f"{self._prefix}:rate:{category}"

    def _adaptive_key(self, category: str) -> str:
        return f"{self._prefix}:rate:{category}:adaptive"

    def _ok_key(self, category: str, now: float) -> str:
        return self._ok_key_at(category, self._bucket(now))

    def _ok_key_at(self, category: str, bucket: int) -> str:
        return f"{self._prefix}:rate:{category}:ok:{bucket}"

    @staticmethod
    def _bucket(now: float) -> int:
        return int(now * OK_BUCKETS)

    def take_daily(self, host: str) -> None:
        """Count one create/update for `host` today; refuse when the daily cap is reached."""
        key = self._daily_key(host)
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, DAILY_KEY_TTL_SECONDS)
        count, _ = pipe.execute()
        if count > self._daily_cap:
            # Undo, so the counter keeps meaning "requests sent today".
            self._redis.decr(key)
            raise self._daily_cap_reached()

    def _daily_cap_reached(self) -> ZoomRateLimited:
        return ZoomRateLimited(
            f"daily cap of {self._daily_cap} Zoom create/update requests reached for this "
            "host; it resets at 00:00 UTC",
            retry_after=seconds_to_utc_midnight(self._now()),
            daily=True,
        )

    def refund_daily(self, host: str) -> None:
        """Give back one count: Zoom turned the request away at its per-second gate, so the
        request never reached the daily quota (the counter means "requests Zoom took")."""
        self._redis.decr(self._daily_key(host))

    def mark_daily_exhausted(self, host: str) -> None:
        """Zoom said the host's daily cap is spent: stop sending for it until 00:00 UTC."""
        self._redis.set(self._daily_key(host), self._daily_cap, ex=DAILY_KEY_TTL_SECONDS)
        logger.warning("zoom daily cap reported exhausted by Zoom for a host")

    @property
    def daily_cap(self) -> int:
        return self._daily_cap

    def daily_used(self, hosts: Iterable[str]) -> dict[str, int]:
        """Today's create/update count of each host, in one MGET (0 for a host with none)."""
        hosts = list(hosts)
        if not hosts:
            return {}
        counts = self._redis.mget([self._daily_key(host) for host in hosts])
        return {host: int(count or 0) for host, count in zip(hosts, counts, strict=True)}

    def _daily_key(self, host: str) -> str:
        # Zoom user e-mails are case-insensitive: one counter whatever the spelling.
        return f"{self._prefix}:daily:{self._now():%Y-%m-%d}:{host.lower()}"

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)
