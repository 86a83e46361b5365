import threading
import time

import fakeredis
import pytest

from zoom_worker.zoom.errors import ZoomTransientError
from zoom_worker.zoom.tokens import TokenCache

KEY = "test:zoom:token"


class CountingFetch:
    def __init__(self, *tokens: str, expires_in: int = 3600, delay: float = 0.0):
        self._tokens = list(tokens)
        self._expires_in = expires_in
        self._delay = delay
        self._lock = threading.Lock()
        self.calls = 0

    def __call__(self) -> tuple[str, int]:
        time.sleep(self._delay)
        with self._lock:
            token = self._tokens[self.calls]
            self.calls += 1
        return token, self._expires_in


def test_a_cached_token_is_returned_without_fetching(redis_client: fakeredis.FakeRedis) -> None:
    # Given
    redis_client.set(KEY, "tok-cached")
    fetch = CountingFetch("tok-new")

    # When
    token = TokenCache(redis_client, key=KEY).get(fetch)

    # Then
    assert token == "tok-cached"
    assert fetch.calls == 0


def test_a_missing_token_is_fetched_once_and_kept_until_a_minute_before_expiry(
    redis_client: fakeredis.FakeRedis,
) -> None:
    # Given
    cache = TokenCache(redis_client, key=KEY)
    fetch = CountingFetch("tok-1")

    # When
    tokens = [cache.get(fetch) for _ in range(5)]

    # Then
    assert tokens == ["tok-1"] * 5
    assert fetch.calls == 1
    assert 3530 < redis_client.ttl(KEY) <= 3540


def test_a_short_lived_token_is_kept_half_its_life(redis_client: fakeredis.FakeRedis) -> None:
    TokenCache(redis_client, key=KEY).get(CountingFetch("tok-1", expires_in=90))

    assert 40 < redis_client.ttl(KEY) <= 45


def test_concurrent_processes_fetch_exactly_once_and_share_the_token(
    redis_server: fakeredis.FakeServer,
) -> None:
    # Given eight "processes", each with its own connection to the same Redis
    fetch = CountingFetch("tok-1", "tok-2", delay=0.2)
    caches = [
        TokenCache(fakeredis.FakeRedis(server=redis_server), key=KEY, wait_timeout=5)
        for _ in range(8)
    ]
    start = threading.Barrier(len(caches))
    results: list[str] = []

    def worker(cache: TokenCache) -> None:
        start.wait()
        results.append(cache.get(fetch))

    # When they all find the cache empty at once
    threads = [threading.Thread(target=worker, args=(cache,)) for cache in caches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    # Then
    assert fetch.calls == 1
    assert results == ["tok-1"] * len(caches)


def test_invalidate_drops_only_the_token_it_names(redis_client: fakeredis.FakeRedis) -> None:
    # Given another process has already stored a renewed token
    cache = TokenCache(redis_client, key=KEY)
    redis_client.set(KEY, "tok-renewed")

    # When a slow process invalidates the stale one it used
    cache.invalidate("tok-stale")

    # Then the renewal survives; invalidating the current one drops it
    assert redis_client.get(KEY) == b"tok-renewed"
    cache.invalidate("tok-renewed")
    assert redis_client.get(KEY) is None


def test_after_invalidate_the_next_get_fetches_a_new_token(
    redis_client: fakeredis.FakeRedis,
) -> None:
    # Given
    cache = TokenCache(redis_client, key=KEY)
    fetch = CountingFetch("tok-1", "tok-2")
    cache.get(fetch)

    # When
    cache.invalidate("tok-1")

    # Then
    assert cache.get(fetch) == "tok-2"
    assert fetch.calls == 2


def test_a_failed_fetch_releases_the_lock_for_the_next_caller(
    redis_client: fakeredis.FakeRedis,
) -> None:
    # Given
    cache = TokenCache(redis_client, key=KEY, wait_timeout=0.5)

    def failing_fetch() -> tuple[str, int]:
        raise RuntimeError("token endpoint down")

    with pytest.raises(RuntimeError):
        cache.get(failing_fetch)

    # When / Then: no wait for a stale lock, and nothing was cached
    assert redis_client.get(KEY) is None
    assert cache.get(CountingFetch("tok-1")) == "tok-1"


def test_waiting_too_long_for_another_renewal_is_transient(
    redis_client: fakeredis.FakeRedis,
) -> None:
    # Given another process holds the renewal lock
    held = redis_client.lock(f"{KEY}:lock", timeout=30)
    assert held.acquire()
    cache = TokenCache(redis_client, key=KEY, wait_timeout=0.2)
    fetch = CountingFetch("tok-1")

    # When / Then
    with pytest.raises(ZoomTransientError):
        cache.get(fetch)
    assert fetch.calls == 0


def test_works_with_a_decoding_redis_client(redis_server: fakeredis.FakeServer) -> None:
    # Given
    client = fakeredis.FakeRedis(server=redis_server, decode_responses=True)
    cache = TokenCache(client, key=KEY)
    cache.get(CountingFetch("tok-1"))

    # When
    cache.invalidate("tok-1")

    # Then
    assert client.get(KEY) is None


def test_a_token_read_from_redis_is_kept_in_the_process_until_its_key_expires(
    redis_client: fakeredis.FakeRedis,
) -> None:
    # Given a token in Redis for another 100 s, read once by this process
    redis_client.set(KEY, "tok-1", ex=100)
    now = [0.0]
    cache = TokenCache(redis_client, key=KEY, clock=lambda: now[0])
    assert cache.get(CountingFetch()) == "tok-1"

    # When Redis holds another token meanwhile, read within the 100 s and then after them
    redis_client.set(KEY, "tok-2", ex=100)
    now[0] = 99.0
    within = cache.get(CountingFetch())
    now[0] = 101.0
    after = cache.get(CountingFetch())

    # Then the kept token served until its key's expiry, and Redis was read again after it
    assert (within, after) == ("tok-1", "tok-2")


def test_a_kept_token_zoom_refused_is_forgotten(redis_client: fakeredis.FakeRedis) -> None:
    # Given a kept token, which another process has renewed in Redis since
    cache = TokenCache(redis_client, key=KEY)
    assert cache.get(CountingFetch("tok-1")) == "tok-1"
    redis_client.set(KEY, "tok-2", ex=100)

    # When Zoom refuses the kept one
    cache.invalidate("tok-1")

    # Then the next call reads the renewed token
    assert cache.get(CountingFetch()) == "tok-2"
