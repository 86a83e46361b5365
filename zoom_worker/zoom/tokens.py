"""One Zoom access token for the whole fleet, kept in Redis and renewed before it expires.

Each process also keeps the token it last read, until the Redis key's own expiry: a call then
costs no Redis round trip. The token is still the fleet's one; a process whose kept token Zoom
refuses (another process renewed it after a refusal) forgets it, like the Redis copy, and reads
the new one.
"""

import logging
import time
from collections.abc import Callable

import redis
from redis.exceptions import LockError

from zoom_worker.zoom.errors import ZoomTransientError

logger = logging.getLogger(__name__)

# Renew this long before Zoom's expiry, so no request leaves with a token about to die.
RENEW_MARGIN_SECONDS = 60

# GET and DEL in one atomic step: a plain GET-then-DEL could drop a token another process has
# just stored in place of the stale one. Redis has no portable compare-and-delete command.
_COMPARE_AND_DELETE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""

Fetch = Callable[[], tuple[str, int]]


class TokenCache:
    def __init__(
        self,
        redis_client: redis.Redis,
        *,
        key: str = "lunova:zoom:token",
        lock_timeout: float = 30,
        wait_timeout: float = 20,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._redis = redis_client
        self._key = key
        self._lock_timeout = lock_timeout
        self._wait_timeout = wait_timeout
        self._compare_and_delete = redis_client.register_script(_COMPARE_AND_DELETE)
        self._clock = clock
        self._kept: str | None = None
        self._kept_until = 0.0

    def get(self, fetch: Fetch) -> str:
        """The cached token; when there is none, exactly one process in the fleet calls `fetch`.

        `fetch()` returns (token, expires_in seconds). The others wait on the lock and then read
        what the winner stored.
        """
        if self._kept is not None and self._clock() < self._kept_until:
            return self._kept
        token = self._read()
        if token is not None:
            return token
        # Lock holds expire after lock_timeout, so a process that dies mid-fetch frees the others.
        lock = self._redis.lock(
            f"{self._key}:lock", timeout=self._lock_timeout, blocking_timeout=self._wait_timeout
        )
        if not lock.acquire():
            raise ZoomTransientError("timed out waiting for another process to renew the token")
        try:
            token = self._read()
            if token is not None:
                return token
            token, expires_in = fetch()
            self._redis.set(self._key, token, ex=_ttl(expires_in))
            self._keep(token, _ttl(expires_in))
            return token
        finally:
            try:
                lock.release()
            except LockError:
                # The fetch outlived lock_timeout; the lock is already gone, the token is stored.
                logger.warning("zoom token lock expired before release")

    def invalidate(self, token: str) -> None:
        """Forget `token` (Zoom refused it), unless the cache already holds a newer one."""
        if self._kept == token:
            self._kept = None
        self._compare_and_delete(keys=[self._key], args=[token])

    def _read(self) -> str | None:
        """The token in Redis, kept in this process as long as Redis keeps it (one round trip)."""
        pipe = self._redis.pipeline(transaction=False)
        pipe.get(self._key)
        pipe.pttl(self._key)
        value, milliseconds = pipe.execute()
        if value is None:
            return None
        token = value.decode() if isinstance(value, bytes) else value
        if milliseconds > 0:
            self._keep(token, milliseconds / 1000)
        return token

    def _keep(self, token: str, seconds: float) -> None:
        self._kept, self._kept_until = token, self._clock() + seconds


def _ttl(expires_in: int) -> int:
    # A token that lives less than the margin (never seen from Zoom) is kept half its life.
    if expires_in > 2 * RENEW_MARGIN_SECONDS:
        return expires_in - RENEW_MARGIN_SECONDS
    return max(1, expires_in // 2)
