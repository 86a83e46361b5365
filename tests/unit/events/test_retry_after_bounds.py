"""Delivery of a platform event: a receiver's Retry-After that is infinite or absurdly large is
read within bounds, so the attempt is recorded and the event stays pending, never a crash."""

from datetime import timedelta

import pytest
import responses
from django.utils import timezone

from tests.unit.events.conftest import URL
from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.models import EventDeliveryAttempt, PlatformEvent
from zoom_worker.zoom.times import RETRY_AFTER_MAX


@pytest.fixture
def pending_event(events_meeting, settings):
    settings.LUNOVA_EVENTS_BACKOFF_MAX = 300
    return PlatformEvent.objects.create(type="meeting.ready", meeting=events_meeting, sequence=1)


@pytest.mark.django_db
@responses.activate
def test_an_infinite_retry_after_is_ignored_and_the_attempt_recorded(pending_event):
    # Given a receiver answering 503 with Retry-After: inf
    responses.post(URL, status=503, headers={"Retry-After": "inf"})

    # When the attempt settles
    wait = platform_event_deliver(event_id=pending_event.pk)

    # Then the attempt is a row, and the event is retried with the usual backoff
    event = PlatformEvent.objects.get(pk=pending_event.pk)
    assert EventDeliveryAttempt.objects.filter(event=event, http_status=503).count() == 1
    assert event.state == "pending"
    assert wait is not None and 0 <= wait <= 300
    assert event.next_attempt_at - timezone.now() <= timedelta(seconds=301)


@pytest.mark.django_db
@responses.activate
def test_a_huge_retry_after_is_cut_to_the_bound_and_left_to_the_reconciler(pending_event):
    # Given a receiver answering 503 with Retry-After: 1e12 (some 30,000 years)
    responses.post(URL, status=503, headers={"Retry-After": "1e12"})

    # When the attempt settles
    wait = platform_event_deliver(event_id=pending_event.pk)

    # Then the attempt is a row, and the event waits, pending, no longer than the bound
    event = PlatformEvent.objects.get(pk=pending_event.pk)
    assert EventDeliveryAttempt.objects.filter(event=event, http_status=503).count() == 1
    assert event.state == "pending"
    assert wait is None
    waits = event.next_attempt_at - timezone.now()
    assert timedelta(seconds=RETRY_AFTER_MAX - 60) < waits <= timedelta(seconds=RETRY_AFTER_MAX)
