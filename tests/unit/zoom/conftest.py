from datetime import UTC, datetime

import fakeredis
import pytest


class FakeClock:
    """Wall clock for limiter/client tests: time moves only when someone sleeps or the test says."""

    def __init__(self, start: datetime):
        self.now = start.timestamp()
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def redis_server() -> fakeredis.FakeServer:
    # Lua scripts (redis-py's Lock, our bucket) need fakeredis' Lua support: the `lupa` package.
    return fakeredis.FakeServer()


@pytest.fixture
def redis_client(redis_server: fakeredis.FakeServer) -> fakeredis.FakeRedis:
    return fakeredis.FakeRedis(server=redis_server)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 1, 15, 21, 0, tzinfo=UTC))
