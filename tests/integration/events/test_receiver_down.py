"""A receiver that is down for a while gets the event once it is back: connection errors are
retried like any transient failure."""

import time

import pytest

from tests.conftest import future, wait_until
from tests.integration.events.conftest import SECRET, Receiver
from tests.plugins.services import free_port
from zoom_worker.models import PlatformEvent

pytestmark = pytest.mark.django_db(transaction=True)
DOWN_SECONDS = 8


def test_an_event_waits_out_a_receiver_that_is_down(
    api, expert, client_user, workers, sandbox, settings
):
    # given a receiver's address where nothing listens yet
    port = free_port()
    url = f"http://127.0.0.1:{port}/events"
    settings.LUNOVA_EVENTS_URL, settings.LUNOVA_EVENTS_SECRET = url, SECRET
    workers.start(LUNOVA_EVENTS_URL=url, LUNOVA_EVENTS_SECRET=SECRET, LUNOVA_EVENTS_BACKOFF_MAX="1")
    # when an appointment is booked while it is down, and it comes up some seconds later
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": future(days=2)},
        format="json",
    )
    assert response.status_code == 201
    wait_until(lambda: PlatformEvent.objects.filter(attempts__gte=2).exists(), timeout=30)
    time.sleep(DOWN_SECONDS)
    receiver = Receiver(port)
    try:
        # then the event is delivered after it, every refused attempt recorded
        event = wait_until(
            lambda: PlatformEvent.objects.filter(state="delivered").first(), timeout=30
        )
        refused = event.delivery_attempts.filter(http_status__isnull=True)
        assert refused.count() >= 2
        assert all(a.reason.startswith("connection error") for a in refused)
        assert [e["type"] for e in receiver.events()] == ["meeting.ready"]
    finally:
        receiver.server.shutdown()
