"""The platform events page: deliveries by state with their attempts, and "deliver again"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from celery_app import app
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import EventDeliveryAttempt, PlatformEvent


@pytest.fixture
def failed_event(expert):
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    event = PlatformEvent.objects.create(
        type="meeting.ready", meeting=meeting, sequence=1, state="failed", attempts=1
    )
    EventDeliveryAttempt.objects.create(
        event=event, started_at=timezone.now(), duration_ms=12, http_status=400, reason="Bad"
    )
    return event


@pytest.mark.django_db
def test_events_are_listed_by_state_with_their_attempts(operator, failed_event):
    # when the operator filters failed events and opens one
    listed = operator.get("/admin/zoom_worker/platformevent/?state__exact=failed")
    page = operator.get(f"/admin/zoom_worker/platformevent/{failed_event.pk}/change/")
    # then it is there, with its 400 attempt
    assert listed.status_code == 200 and "meeting.ready" in listed.content.decode()
    assert page.status_code == 200 and "400" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_deliver_again_puts_it_back_and_sends_it(operator, failed_event, monkeypatch):
    sent = []
    monkeypatch.setattr(app, "send_task", lambda name, args, **kw: sent.append((name, args)))
    # when the operator asks to deliver a failed event again
    response = operator.post(
        "/admin/zoom_worker/platformevent/",
        {"action": "deliver_again", "_selected_action": [str(failed_event.pk)]},
    )
    # then it is pending again and its delivery was sent
    assert response.status_code == 302
    failed_event.refresh_from_db()
    assert failed_event.state == "pending"
    assert sent == [("lunova.deliver_event", [str(failed_event.pk)])]
