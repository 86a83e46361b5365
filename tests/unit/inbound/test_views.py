"""A verified delivery is stored once, its processing queued, and Zoom answered at once."""

import time

import pytest
from kombu.exceptions import OperationalError

from celery_app import app
from tests.unit.inbound.zoom_events import envelope
from zoom_worker.models import WebhookDelivery, WebhookOutcome
from zoom_worker.tasks import process_webhook


@pytest.mark.django_db
@pytest.mark.parametrize("meeting_id", [85746065432, "85746065432"], ids=["number", "string"])
def test_a_delivery_is_stored_and_queued(deliver, queued, meeting_id):
    # given a meeting event whose id is a number or a string
    body = envelope("meeting.ended", meeting_id, event_ts=1767225600123)
    # when Zoom delivers it
    started = time.monotonic()
    response = deliver(body)
    elapsed = time.monotonic() - started
    # then it is answered within a second, stored with the id as a string, and queued
    assert response.status_code == 204, response.content
    assert elapsed < 1.0
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "meeting.ended"
    assert delivery.zoom_meeting_id == "85746065432"
    assert delivery.event_ts == 1767225600123
    assert delivery.payload == body
    assert delivery.processed_at is None
    assert delivery.outcome == WebhookOutcome.PENDING
    assert queued == [delivery.pk]


@pytest.mark.django_db
def test_a_duplicate_delivery_is_recognised(deliver, queued):
    # given an event already delivered and processed
    body = envelope("meeting.started", 85746065432)
    deliver(body)
    process_webhook(queued[0])
    # when Zoom delivers it again
    response = deliver(body)
    # then it is answered, but neither stored nor queued a second time
    assert response.status_code == 204
    assert WebhookDelivery.objects.count() == 1
    assert len(queued) == 1


@pytest.mark.django_db
def test_a_duplicate_of_an_unprocessed_delivery_is_queued_again(deliver, queued):
    # given an event stored but never processed (its first queuing was lost)
    body = envelope("meeting.started", 85746065432)
    deliver(body)
    # when Zoom delivers it again
    deliver(body)
    # then the same stored delivery is queued again (processing is idempotent)
    delivery = WebhookDelivery.objects.get()
    assert queued == [delivery.pk, delivery.pk]


# Committed for real, so the queuing runs inside the request as it does in production.
@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_answers_503_so_zoom_delivers_again(deliver, monkeypatch):
    # given a broker that cannot be reached
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(app, "send_task", broker_down)
    # when an event arrives
    response = deliver(envelope("meeting.deleted", 85746065432))
    # then Zoom is told to try again, and the delivery waits, stored, for that retry
    assert response.status_code == 503
    assert response.json()["detail"]
    assert WebhookDelivery.objects.get().processed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"event": "meeting.started",', id="broken JSON"),
        pytest.param(b'["meeting.started"]', id="array"),
        pytest.param(b'{"payload": {}}', id="no event"),
        pytest.param(b'{"event": 42}', id="event not a string"),
        pytest.param(b'{"event": "' + b"e" * 65 + b'"}', id="event too long"),
        pytest.param(b'{"event": "meeting.started", "x": "\\u0000"}', id="NUL character"),
        pytest.param(b"\xff\xfe{}", id="not UTF-8"),
    ],
)
def test_a_signed_body_that_is_no_zoom_event_is_refused(deliver, queued, body):
    response = deliver(body)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not WebhookDelivery.objects.exists() and queued == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("meeting_id", "event_ts"),
    [(10**40, 10**40), ("85746065432; drop", True), (None, "soon"), ({"id": 1}, -5)],
    ids=["huge numbers", "id with text", "no id", "id as object"],
)
def test_odd_ids_and_times_are_stored_as_unknown(deliver, meeting_id, event_ts):
    # given an event whose meeting id or time cannot be ours
    body = envelope("meeting.started", meeting_id)
    body["event_ts"] = event_ts
    # when it arrives
    response = deliver(body)
    # then it is stored for the record, without a meeting id or time
    assert response.status_code == 204, response.content
    delivery = WebhookDelivery.objects.get()
    assert (delivery.zoom_meeting_id, delivery.event_ts) == ("", None)
