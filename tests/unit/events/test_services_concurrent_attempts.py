"""services/platform_events.py: an attempt that ends after another one delivered the event (the
reconciler's resend racing a scheduled retry) is recorded, but does not undo that delivery."""

from datetime import timedelta

import pytest
import responses
from django.utils import timezone

from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import PlatformEvent

URL = "https://platform.example/hooks"


@pytest.mark.django_db
@responses.activate
def test_a_late_failed_attempt_leaves_a_delivered_event_delivered(expert, settings):
    # Given a pending event, and a receiver that, while answering this attempt with a 500,
    # has already taken the same event from another worker's attempt, which marked it delivered
    settings.LUNOVA_EVENTS_URL = URL
    settings.LUNOVA_EVENTS_SECRET = "s3cret"
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    event = PlatformEvent.objects.create(type="meeting.ready", meeting=meeting, sequence=1)
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
