"""Celery's Redis broker transport, publishing on one kept client per channel.

kombu's Redis channel builds a new redis.Redis for every message it publishes (a task, and its
task-sent event: two per booking); building one costs more CPU than the LPUSH it sends. The
client kept here is rebuilt whenever kombu replaces the channel's pool (after a disconnect), so
it never holds a pool kombu has dropped.
"""

from contextlib import contextmanager

from kombu.transport import redis


class Channel(redis.Channel):
    _kept_client = None

    @contextmanager
    def conn_or_acquire(self, client=None):
        if client:
            yield client
            return
        pool = self.pool
        if self._kept_client is None or self._kept_client.connection_pool is not pool:
            self._kept_client = self._create_client()
        yield self._kept_client


class Transport(redis.Transport):
    Channel = Channel
