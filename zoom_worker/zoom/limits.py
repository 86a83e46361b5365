"""Zoom's rate limits, kept fleet-wide in Redis so they are respected rather than found by 429s.

Per second (per account, by category): requests are booked on a shared schedule and each caller
sleeps until its slot. Per day (per host user, 00:00 UTC reset): create/update requests are counted.
"""

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

import redis

from zoom_worker.zoom.errors import ZoomRateLimited

logger = logging.getLogger(__name__)

Category = Literal["medium", "light"]

DAILY_KEY_TTL_SECONDS = 48 * 3600
DEFAULT_PREFIX = "lunova:zoom"
# Per host per UTC day: f"{DAILY_KEY_PREFIX}:{YYYY-MM-DD}:{host}" (the metrics read them).
DAILY_KEY_PREFIX = f"{DEFAULT_PREFIX}:daily"

# A token bucket of capacity one, in its "virtual scheduling" form (GCRA): the key holds the
# instant of the next free slot. Each caller books that slot and is told how long to wait for it,
# so slots go out in order, 1/rate apart, whichever process asks; a booking further off than
# max_wait is not made (the caller comes back later instead of holding a worker).
# Capacity one because Zoom's second boundaries are unknown: a bucket of b lets b + rate requests
# into one of Zoom's seconds, strict spacing at most rate + 1.
# Lua because read-compute-write must be one atomic step across the fleet. `now` is the caller's
# clock (hosts are NTP-synced) and the schedule never moves backwards, whoever's clock lags.
_BOOK_SLOT = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or now), now)
local wait = slot - now
if wait > max_wait then
    return {0, string.format('%.6f', wait)}
end
local next_slot = slot + interval
redis.call('SET', KEYS[1], string.format('%.6f', next_slot),
           'PX', math.ceil((next_slot - now) * 1000) + 1000)
return {1, string.format('%.6f', wait)}
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
        self._intervals: dict[str, float] = {
            "medium": 1 / medium_per_second,
            "light": 1 / light_per_second,
        }
        self._daily_cap = daily_cap
        self._prefix = prefix
        self._max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._book_slot = redis_client.register_script(_BOOK_SLOT)

    def acquire(self, category: Category) -> None:
        """Block until this process may send one request of `category` (Zoom: create and list
        are medium; get, update and delete are light).

        Raises ZoomRateLimited only when the fleet has booked more than max_wait seconds ahead.
        """
        interval = self._intervals.get(category)
        if interval is None:
            raise ValueError(f"unknown Zoom rate-limit category: {category!r}")
        booked, wait = self._book_slot(
            keys=[f"{self._prefix}:rate:{category}"],
            args=[repr(self._clock()), repr(interval), repr(self._max_wait)],
        )
        wait = float(wait)
        if not booked:
            raise ZoomRateLimited(
                f"{category} Zoom requests are booked {wait:.1f} s ahead; try again later",
                retry_after=wait,
            )
        if wait > 0:
            self._sleep(wait)

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
            raise ZoomRateLimited(
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

    def _daily_key(self, host: str) -> str:
        # Zoom user e-mails are case-insensitive: one counter whatever the spelling.
        return f"{self._prefix}:daily:{self._now():%Y-%m-%d}:{host.lower()}"

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)
