"""The Redis broker transport publishes on one kept client per channel, rebuilt with the pool."""

import pytest
from django.conf import settings

from celery_app import app
from lunova.broker import Transport

pytestmark = pytest.mark.skipif(settings.BROKER_IS_AMQP, reason="the Redis transport only")


def test_the_service_publishes_through_it():
    # given the service's broker settings, when a connection for publishing is made
    with app.connection_for_write() as connection:
        # then it is this transport's
        assert isinstance(connection.transport, Transport)


def test_publishes_share_one_client_until_kombu_replaces_the_pool():
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        # given two publishes' clients
        with channel.conn_or_acquire() as first, channel.conn_or_acquire() as second:
            pass
        # when kombu drops its pools (as it does on a disconnect) and publishes again
        channel._disconnect_pools()
        with channel.conn_or_acquire() as third:
            pass
        # then the first two were one client; the third is on the new pool
        assert first is second
        assert third is not first
        assert third.connection_pool is channel.pool
