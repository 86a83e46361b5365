"""ZoomLimiter.daily_used: today's create/update count of many hosts in one Redis read."""

from datetime import timedelta

from tests.unit.zoom.test_limits import make_limiter


def test_each_hosts_count_today_in_one_read(redis_client, clock):
    # given two requests for one host (spelled two ways), one for another, and one yesterday
    limiter = make_limiter(redis_client, clock, daily_cap=100)
    limiter.take_daily("host2@lunova.test")
    clock.now += timedelta(days=1).total_seconds()
    limiter.take_daily("Host1@Lunova.test")
    limiter.take_daily("host1@lunova.test")
    limiter.take_daily("host2@lunova.test")
    reads = []
    redis_client.mget = lambda keys, _mget=redis_client.mget: reads.append(keys) or _mget(keys)
    # when today's counts are read for three hosts
    used = limiter.daily_used(["host1@lunova.test", "host2@lunova.test", "host3@lunova.test"])
    # then each host has its own count of today, a host with none 0, in one MGET
    assert used == {"host1@lunova.test": 2, "host2@lunova.test": 1, "host3@lunova.test": 0}
    assert len(reads) == 1
    assert limiter.daily_used([]) == {}
