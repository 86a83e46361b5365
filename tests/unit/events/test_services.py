"""services/platform_events.py: the signature, the answer classification, the backoff bound
and the attempt counters, against a mocked receiver."""

import hashlib
import hmac
from datetime import timedelta

import pytest
import requests
import responses
from django.utils import timezone
from prometheus_client import REGISTRY

from tests.unit.events.conftest import URL
from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.events.transport import event_signature
from zoom_worker.models import PlatformEvent


@pytest.fixture
def event(events_meeting, settings):
    settings.LUNOVA_EVENTS_BACKOFF_MAX = 7
    return PlatformEvent.objects.create(type="meeting.ready", meeting=events_meeting, sequence=1)


def attempts(outcome: str) -> float:
    return (
        REGISTRY.get_sample_value("lunova_platform_event_attempts_total", {"outcome": outcome})
        or 0.0
    )


def test_the_signature_is_hmac_sha256_over_version_timestamp_and_body():
    expected = hmac.new(b"key", b"v1:1700000000:{}", hashlib.sha256).hexdigest()
    assert event_signature(secret="key", timestamp="1700000000", body=b"{}") == "v1=" + expected


@pytest.mark.django_db
@responses.activate
@pytest.mark.parametrize("status", [500, 503, 408, 429])
def test_a_transient_answer_is_retried_within_the_cap(event, status):
    responses.post(URL, status=status)
    before = attempts("retried")
    wait = platform_event_deliver(event_id=event.pk)
    event.refresh_from_db()
    assert 0 < wait <= 7
    assert (event.state, event.attempts) == ("pending", 1)
    assert attempts("retried") == before + 1


@pytest.mark.django_db
@responses.activate
def test_a_timeout_is_retried_and_recorded(event):
    responses.post(URL, body=requests.Timeout())
    assert platform_event_deliver(event_id=event.pk) is not None
    [attempt] = event.delivery_attempts.all()
    assert (attempt.http_status, attempt.reason) == (None, "timeout")


@pytest.mark.django_db
@responses.activate
@pytest.mark.parametrize("status", [400, 401, 404, 410])
def test_another_4xx_fails_at_once(event, status):
    responses.post(URL, status=status)
    before = attempts("failed")
    assert platform_event_deliver(event_id=event.pk) is None
    event.refresh_from_db()
    assert event.state == "failed"
    assert attempts("failed") == before + 1


@pytest.mark.django_db
@responses.activate
def test_a_2xx_is_delivered_with_the_headers_named(event):
    responses.post(URL, status=204)
    before = attempts("delivered")
    assert platform_event_deliver(event_id=event.pk) is None
    event.refresh_from_db()
    assert event.state == "delivered" and event.delivered_at is not None
    sent = responses.calls[0].request
    assert sent.headers["X-Lunova-Event"] == "meeting.ready"
    assert sent.headers["X-Lunova-Delivery"] == str(event.pk)
    assert sent.headers["X-Lunova-Signature"] == event_signature(
        secret="s3cret", timestamp=sent.headers["X-Lunova-Timestamp"], body=sent.body
    )
    assert attempts("delivered") == before + 1


@pytest.mark.django_db
@responses.activate
def test_retries_stop_after_the_retry_window(event, settings):
    settings.LUNOVA_EVENTS_RETRY_HOURS = 1
    PlatformEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(hours=2))
    responses.post(URL, status=503)
    assert platform_event_deliver(event_id=event.pk) is None
    event.refresh_from_db()
    assert event.state == "failed"
