"""Appointment test helpers: an appointment whose meeting the worker has made in the Zoom
stand-in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting


@pytest.fixture
def ready_appointment(expert, client_user, sandbox):
    made = appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
    assert meeting_sync(meeting_id=made.meeting_id, worker_id="t") == Meeting.Status.READY
    return made
