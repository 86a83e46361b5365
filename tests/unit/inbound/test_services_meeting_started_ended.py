"""`meeting.started` moves the appointment to in progress; `meeting.ended` has its attendance
settled by a worker, which completes it (no participant data here: the outcome is unknown)."""

import pytest

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.appointments.services import appointment_cancel
from zoom_worker.core.task_names import SETTLE_ATTENDANCE
from zoom_worker.models import Appointment, WebhookDelivery, WebhookOutcome
from zoom_worker.tasks import process_webhook, settle_meeting_attendance


@pytest.fixture
def report(deliver, queued, sent, django_capture_on_commit_callbacks):
    def deliver_and_process(event: str, zoom_id, event_ts: int) -> str:
        """Zoom delivers the event; the worker processes it, and settles what that sent to be
        settled. Returns the delivery's outcome."""
        deliver(envelope(event, zoom_id, event_ts=event_ts))
        with django_capture_on_commit_callbacks(execute=True):
            outcome = process_webhook(queued[-1])
        while sent[SETTLE_ATTENDANCE]:
            settle_meeting_attendance(sent[SETTLE_ATTENDANCE].pop(0))
        return outcome

    return deliver_and_process


def status_of(appointment) -> str:
    return Appointment.objects.get(pk=appointment.pk).status


@pytest.mark.django_db
@pytest.mark.parametrize("as_sent", [int, str], ids=["id as number", "id as string"])
def test_start_then_end_complete_the_appointment(report, zoom_appointment, as_sent):
    zoom_id = as_sent(zoom_appointment.meeting.zoom_meeting_id)
    # given a pending appointment whose meeting the host starts
    assert report("meeting.started", zoom_id, 1) == "applied"
    # then it is in progress
    assert status_of(zoom_appointment) == Appointment.Status.IN_PROGRESS
    # when the meeting ends
    assert report("meeting.ended", zoom_id, 2) == "applied"
    # then it is completed
    assert status_of(zoom_appointment) == Appointment.Status.COMPLETED


@pytest.mark.django_db
def test_a_late_start_does_not_reopen_a_completed_appointment(report, zoom_appointment):
    zoom_id = zoom_appointment.meeting.zoom_meeting_id
    # given the end reported before the start (out of order)
    report("meeting.ended", zoom_id, 2)
    # when the start arrives
    outcome = report("meeting.started", zoom_id, 1)
    # then the appointment stays completed
    assert outcome == WebhookOutcome.IGNORED
    assert status_of(zoom_appointment) == Appointment.Status.COMPLETED


@pytest.mark.django_db
def test_a_cancelled_appointment_stays_cancelled(report, zoom_appointment):
    zoom_id = zoom_appointment.meeting.zoom_meeting_id
    appointment_cancel(appointment=zoom_appointment)
    assert report("meeting.started", zoom_id, 1) == "ignored"
    assert report("meeting.ended", zoom_id, 2) == "ignored"
    assert status_of(zoom_appointment) == Appointment.Status.CANCELLED


@pytest.mark.django_db
def test_processing_a_delivery_twice_changes_nothing_more(report, zoom_appointment):
    # given a start, processed
    report("meeting.started", zoom_appointment.meeting.zoom_meeting_id, 1)
    processed = WebhookDelivery.objects.get()
    # when the same delivery is processed again (a task redelivered)
    outcome = process_webhook(processed.pk)
    # then it keeps its first outcome and time
    assert outcome == "applied"
    assert WebhookDelivery.objects.get().processed_at == processed.processed_at
