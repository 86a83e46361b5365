"""events/outbox.py: the events of a write-back take the lock the write-back holds already:
the meeting read with its people (whether one was erased), the last event told (what the
platform knows, and the next sequence), the insert."""

from datetime import timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zoom_worker.events.outbox import platform_events_after_sync
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting, PlatformEvent


def test_a_meeting_ready_costs_three_statements_and_no_second_lock(expert, settings):
    # given events on and a meeting the worker has just written back as ready
    settings.LUNOVA_EVENTS_URL = "https://platform.example/hooks"
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
        # when its events are recorded in the write-back's transaction
        platform_events_after_sync(meeting_id=meeting.pk, status=Meeting.Status.READY)
    # then meeting.ready is recorded in three statements after the write-back's, none a lock
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1 + 3, statements
    assert not any("FOR UPDATE" in q for q in statements)
    assert PlatformEvent.objects.get().type == PlatformEvent.Type.MEETING_READY
