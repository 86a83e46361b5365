"""services/platform_events.py: `appointment.ended` carries the appointment's status and its
attendance figures (times in UTC), and nothing of the client's."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.attendance.figures import Figures
from zoom_worker.events.outbox import platform_event_appointment_ended
from zoom_worker.models import Appointment, AttendanceOutcome


@pytest.mark.django_db
def test_appointment_ended_carries_status_and_attendance(expert, client_user, settings):
    # Given events on and an appointment whose attendance was settled as held
    settings.LUNOVA_EVENTS_URL = "https://platform.example/hooks"
    settings.LUNOVA_EVENTS_SECRET = "s3cret"
    appointment = appointment_create(
        expert=expert,
        client=client_user,
        start_time=timezone.now() + timedelta(days=1),
        notes="özel not",
    )
    appointment.status = Appointment.Status.COMPLETED
    istanbul = ZoneInfo("Europe/Istanbul")
    figures = Figures(
        outcome=AttendanceOutcome.HELD,
        expert_joined_at=datetime(2026, 5, 4, 13, 58, tzinfo=istanbul),
        client_joined_at=datetime(2026, 5, 4, 11, 1, tzinfo=UTC),
        together_minutes=44,
    )

    # When the settling records its event
    event = platform_event_appointment_ended(appointment=appointment, figures=figures)

    # Then it is for the appointment's meeting, with exactly the status and the figures
    assert (event.type, event.meeting_id, event.appointment_id) == (
        "appointment.ended",
        appointment.meeting_id,
        appointment.pk,
    )
    assert event.data == {
        "status": "completed",
        "attendance": {
            "outcome": "held",
            "expert_joined_at": "2026-05-04T10:58:00Z",
            "client_joined_at": "2026-05-04T11:01:00Z",
            "together_minutes": 44,
        },
    }
