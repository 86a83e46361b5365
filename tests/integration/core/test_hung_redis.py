"""A Redis that hangs (paused: it accepts connections and never answers) does not slow bookings:
the throttle fails open and the publish gives up well under a second; the reconciler publishes
the event once Redis answers again."""

import signal
import time

import pytest
from django.conf import settings as django_settings

from tests.conftest import future
from zoom_worker.meetings.reconcile import meetings_reconcile
from zoom_worker.models import Meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        django_settings.BROKER_IS_AMQP, reason="Redis as the broker: a paused Redis holds publishes"
    ),
]

URL = "/api/v1/appointments/"
# Well under a second: a booking is a database insert.
BOOKING_BOUND_SECONDS = 1.0


def book(api, expert, client_user):
    started = time.monotonic()
    response = api(expert).post(
        URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json"
    )
    return response, time.monotonic() - started


def test_bookings_stay_fast_while_redis_is_paused(
    api, expert, client_user, own_redis, caplog, settings
):
    # given the API has talked to Redis already (its connections are open and pooled)
    warm, _took = book(api, expert, client_user)
    assert warm.status_code == 201
    # when Redis hangs, and two appointments are booked
    own_redis.process.send_signal(signal.SIGSTOP)
    try:
        answers = [book(api, expert, client_user) for _ in range(2)]
    finally:
        own_redis.process.send_signal(signal.SIGCONT)
    # then each is recorded at once, pending, and the failed publish is logged
    for response, took in answers:
        assert response.status_code == 201, response.content
        assert took < BOOKING_BOUND_SECONDS, f"a booking took {took:.1f} s"
    assert any("publish failed" in r.getMessage() for r in caplog.records)
    # and once Redis answers again the reconciler publishes what was left
    settings.LUNOVA_RECONCILE_STALE_AFTER = 0
    assert meetings_reconcile() == Meeting.objects.filter(status=Meeting.Status.PENDING).count()
