"""services/platform_events.py: two transactions recording events for one meeting at once get
consecutive sequences, even when neither caller locked the meeting's row itself."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from celery_app import app
from zoom_worker.events.outbox import platform_event_record
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import PlatformEvent


@pytest.mark.django_db(transaction=True)
def test_concurrent_records_for_one_meeting_get_consecutive_sequences(
    expert, settings, monkeypatch
):
    # Given events on (nothing reaches a broker), and a meeting
    settings.LUNOVA_EVENTS_URL = "https://platform.example/hooks"
    settings.LUNOVA_EVENTS_SECRET = "s3cret"
    monkeypatch.setattr(app, "send_task", lambda *args, **kwargs: None)
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    first_recorded = threading.Event()
    errors: list[BaseException] = []

    def record(wait_before_commit: bool):
        try:
            with transaction.atomic():
                platform_event_record(meeting=meeting, type="appointment.started", data={})
                if wait_before_commit:
                    first_recorded.set()
                    # The second transaction starts while this one is still open.
                    threading.Event().wait(0.5)
        except BaseException as exc:
            errors.append(exc)
        finally:
            first_recorded.set()
            connection.close()

    # When a second transaction records an event while the first has not committed yet
    first = threading.Thread(target=record, args=(True,))
    first.start()
    first_recorded.wait(5)
    second = threading.Thread(target=record, args=(False,))
    second.start()
    first.join(10)
    second.join(10)

    # Then both are recorded, one after the other
    assert errors == []
    assert sorted(PlatformEvent.objects.values_list("sequence", flat=True)) == [1, 2]
