"""API test helpers: an appointment whose meeting the worker has made in the Zoom stand-in;
throttle rates set for one test."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

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


@pytest.fixture
def rates(settings, monkeypatch):
    """Set throttle rates for one test."""

    def set_rates(**changed):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**api_settings.DEFAULT_THROTTLE_RATES, **changed},
        }
        # DRF reloads its settings on the change, but throttles keep the rates they were
        # defined with: point them at the reloaded ones.
        monkeypatch.setattr(
            SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES
        )

    return set_rates
