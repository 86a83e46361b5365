"""With Redis down the API still records appointments: the publish failure is logged, never a 500,
and never holds the request long. The reconciler publishes the event once Redis is back."""

import socket
import time

import pytest
from django.conf import settings

from tests.conftest import future, wait_until
from tests.plugins.services import free_port
from zoom_worker.meetings.reconcile import meetings_reconcile
from zoom_worker.models import Appointment, Meeting

URL = "/api/v1/appointments/"

pytestmark = pytest.mark.django_db(transaction=True)


def book(api, expert, client_user):
    started = time.monotonic()
    response = api(expert).post(
        URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json"
    )
    return response, time.monotonic() - started


def test_booking_is_recorded_while_redis_is_down_and_made_once_it_is_back(
    api, expert, client_user, point_at_redis, workers, sandbox, caplog, settings
):
    # given Redis (broker, cache) refuses connections: nothing listens on its port
    working_redis = settings.REDIS_URL
    point_at_redis(f"redis://127.0.0.1:{free_port()}/0", broker_down=True)
    # when an appointment is booked, rescheduled and another cancelled
    response, took = book(api, expert, client_user)
    other, _took = book(api, expert, client_user)
    moved = api(expert).patch(
        f"{URL}{response.json()['id']}/", {"start_time": future(days=3)}, format="json"
    )
    cancelled = api(expert).delete(f"{URL}{other.json()['id']}/")
    # then each answers as usual, at once, and the appointments are recorded pending
    assert response.status_code == 201, response.content
    assert took < 2
    assert moved.status_code == 200
    assert cancelled.status_code == 204
    assert Meeting.objects.filter(status=Meeting.Status.PENDING).count() == 2
    # and each failed publish is logged
    failed_publishes = [r for r in caplog.records if "publish failed" in r.getMessage()]
    assert len(failed_publishes) == 4
    # when Redis is back with a worker, and the reconciler runs
    point_at_redis(working_redis)
    workers.start()
    settings.LUNOVA_RECONCILE_STALE_AFTER = 0
    assert meetings_reconcile() == 2
    # then the booking is made with its new time, and the cancelled one never reaches Zoom
    wait_until(
        lambda: not Meeting.objects.filter(status=Meeting.Status.PENDING).exists(),
        timeout=30,
        message="the reconciler's events were not worked off",
    )
    booked = Appointment.objects.get(pk=response.json()["id"]).meeting
    assert booked.status == Meeting.Status.READY
    [held] = sandbox.meetings()
    assert held["id"] == int(booked.zoom_meeting_id)
    assert held["start_time"] == moved.json()["start_time"]
    assert Appointment.objects.get(pk=other.json()["id"]).meeting.status == "deleted"
    assert sandbox.state()["counters"]["requests"]["create"] == 1


@pytest.mark.skipif(
    settings.BROKER_IS_AMQP, reason="Redis as the broker: its socket timeouts bound the publish"
)
def test_publish_to_a_hung_redis_gives_up_within_seconds(
    api, expert, client_user, point_at_redis, caplog
):
    # given a broker that accepts connections but never answers
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        point_at_redis(f"redis://127.0.0.1:{hung.getsockname()[1]}/0", broker_only=True)
        # when an appointment is booked
        response, took = book(api, expert, client_user)
    # then it is recorded; the publish gave up after the broker's socket timeouts
    assert response.status_code == 201, response.content
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"]
    retries = settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"]
    assert took < (retries + 1) * timeout + 1.5
    assert Meeting.objects.get().status == Meeting.Status.PENDING
    assert any("publish failed" in r.getMessage() for r in caplog.records)
