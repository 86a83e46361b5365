"""A process that dies right after the write-back commits, before its first attempt at the event,
loses nothing: the event is a row of that transaction, and the reconciler sends it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import wait_until
from zoom_worker.appointments.services import appointment_create
from zoom_worker.events.resend import platform_events_resend
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting, PlatformEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_event_whose_send_died_with_its_worker_still_arrives(
    expert, client_user, workers, sandbox, receiver, events_on, settings, monkeypatch
):
    # given a sync whose process dies the instant its write-back commits: the event
    # is never handed to the broker
    appointment = appointment_create(
        expert=expert,
        client=client_user,
        start_time=timezone.now() + timedelta(days=2),
    )
    with monkeypatch.context() as died:
        died.setattr("zoom_worker.events.outbox.platform_event_send", lambda **_: None)
        assert meeting_sync(meeting_id=appointment.meeting_id, worker_id="doomed") == "ready"
    assert Meeting.objects.get(pk=appointment.meeting_id).status == Meeting.Status.READY
    [event] = PlatformEvent.objects.all()
    assert (event.type, event.state, event.attempts) == ("meeting.ready", "pending", 0)
    assert receiver.events() == []
    # when a worker runs and the reconciler makes its pass
    workers.start(**events_on)
    settings.LUNOVA_RECONCILE_STALE_AFTER = 0
    assert platform_events_resend() == 1
    # then the event arrives, once
    wait_until(lambda: receiver.of_type("meeting.ready"), timeout=30)
    assert [e["id"] for e in receiver.events()] == [str(event.pk)]
    # the worker records the delivery once the receiver's 2xx is back: a moment after it arrived
    wait_until(lambda: PlatformEvent.objects.get(pk=event.pk).state == "delivered", timeout=10)
