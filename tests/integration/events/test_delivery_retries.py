"""Delivery to a real receiver: 5xx retried until a 2xx, 429's Retry-After waited out, any other
4xx failed at once; every attempt recorded."""

import time

import pytest

from tests.conftest import future, wait_until
from zoom_worker.models import PlatformEvent

URL = "/api/v1/appointments/"
pytestmark = pytest.mark.django_db(transaction=True)


def book(api, expert, client_user):
    response = api(expert).post(
        URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json"
    )
    assert response.status_code == 201, response.content


def settled(state):
    return lambda: PlatformEvent.objects.filter(state=state).first()


def test_three_500s_then_200_is_delivered_after_four_attempts(
    api, expert, client_user, workers, sandbox, receiver, events_on
):
    # given a receiver that answers 500 three times, then 200
    receiver.script = [(500, {})] * 3
    workers.start(**events_on)
    # when an event is made
    book(api, expert, client_user)
    # then it is delivered, after four recorded attempts
    event = wait_until(settled("delivered"), timeout=40)
    statuses = sorted(a.http_status for a in event.delivery_attempts.all())
    assert statuses == [200, 500, 500, 500]
    assert len(receiver.received) == 4


def test_429_with_retry_after_is_waited_out(
    api, expert, client_user, workers, sandbox, receiver, events_on
):
    # given a receiver that asks for 2 s once, within the backoff cap
    receiver.script = [(429, {"Retry-After": "2"})]
    workers.start(**{**events_on, "LUNOVA_EVENTS_BACKOFF_MAX": "5"})
    book(api, expert, client_user)
    event = wait_until(settled("delivered"), timeout=40)
    # then the second attempt came no sooner than asked
    first, second = sorted(event.delivery_attempts.all(), key=lambda a: a.started_at)
    assert (first.http_status, second.http_status) == (429, 200)
    assert (second.started_at - first.started_at).total_seconds() >= 2


def test_a_400_fails_at_once(api, expert, client_user, workers, sandbox, receiver, events_on):
    # given a receiver that refuses the event
    receiver.script = [(400, {})]
    workers.start(**events_on)
    book(api, expert, client_user)
    # then it fails after one attempt, and is not tried again
    event = wait_until(settled("failed"), timeout=30)
    time.sleep(1.5)
    assert event.delivery_attempts.count() == 1
    assert len(receiver.received) == 1


def test_the_oldest_waiting_event_is_measured(
    api, expert, client_user, workers, sandbox, receiver, events_on, client
):
    # given a receiver that refuses twice with a 503 before taking the event
    receiver.script = [(503, {})] * 2
    workers.start(**events_on)
    # when an event is made
    book(api, expert, client_user)
    wait_until(lambda: PlatformEvent.objects.filter(state="pending").exists(), timeout=30)
    # then while it waits the web's /metrics tells how old the oldest undelivered event is
    assert oldest_waiting(client) > 0
    # and once it is delivered, nothing waits any more
    wait_until(settled("delivered"), timeout=40)
    assert oldest_waiting(client) == 0


def oldest_waiting(client) -> float:
    name = "lunova_oldest_undelivered_event_age_seconds "
    [line] = [x for x in client.get("/metrics").content.decode().splitlines() if x.startswith(name)]
    return float(line.removeprefix(name))
