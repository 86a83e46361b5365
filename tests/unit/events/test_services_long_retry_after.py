"""services/platform_events.py: a Retry-After longer than LUNOVA_EVENTS_BACKOFF_MAX is honoured
by the reconciler, not by a message held that long in the broker."""

from datetime import timedelta

import pytest
import responses
from django.utils import timezone

from tests.unit.events.conftest import URL
from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.models import PlatformEvent


@pytest.mark.django_db
@responses.activate
def test_a_retry_after_beyond_the_cap_is_left_to_the_reconciler(events_meeting, settings):
    # Given a pending event, a 7 s cap, and a receiver asking to come back in an hour
    settings.LUNOVA_EVENTS_BACKOFF_MAX = 7
    event = PlatformEvent.objects.create(type="meeting.ready", meeting=events_meeting, sequence=1)
    responses.post(URL, status=429, headers={"Retry-After": "3600"})

    # When the attempt settles
    wait = platform_event_deliver(event_id=event.pk)

    # Then the task schedules nothing, and the event waits, pending, until the hour is over
    event.refresh_from_db()
    assert wait is None
    assert event.state == "pending"
    assert timedelta(minutes=59) < event.next_attempt_at - timezone.now() <= timedelta(minutes=61)
