"""services/platform_events.py: an attempt that ends after another one delivered the event (the
reconciler's resend racing a scheduled retry) is recorded, but does not undo that delivery."""

import pytest
import responses
from django.utils import timezone

from tests.unit.events.conftest import URL
from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.models import PlatformEvent


@pytest.mark.django_db
@responses.activate
def test_a_late_failed_attempt_leaves_a_delivered_event_delivered(events_meeting):
    # Given a pending event, and a receiver that, while answering this attempt with a 500,
    # has already taken the same event from another worker's attempt, which marked it delivered
    event = PlatformEvent.objects.create(type="meeting.ready", meeting=events_meeting, sequence=1)
    delivered_at = timezone.now()

    def answer(request):
        PlatformEvent.objects.filter(pk=event.pk).update(
            state=PlatformEvent.State.DELIVERED,
            delivered_at=delivered_at,
            attempts=1,
            next_attempt_at=None,
        )
        return (500, {}, "")

    responses.add_callback(responses.POST, URL, callback=answer)

    # When this attempt settles
    wait = platform_event_deliver(event_id=event.pk)

    # Then nothing more is scheduled, the event stays delivered, and both attempts are counted
    event.refresh_from_db()
    assert wait is None
    assert (event.state, event.delivered_at, event.next_attempt_at) == (
        "delivered",
        delivered_at,
        None,
    )
    assert event.attempts == 2
    assert [a.http_status for a in event.delivery_attempts.all()] == [500]
