"""A booked appointment whose meeting the stand-in holds, and its life played into the service
without a broker: the stand-in's scenario webhooks go through the real receive and process."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import zoom_made_appointment
from zoom_sandbox import play
from zoom_sandbox.meetings import zoom_time
from zoom_worker.inbound.processing import webhook_process
from zoom_worker.inbound.storage import webhook_receive
from zoom_worker.models import Meeting


@pytest.fixture(autouse=True)
def events_on(settings):
    settings.LUNOVA_EVENTS_URL = "https://platform.example/hooks"
    settings.LUNOVA_EVENTS_SECRET = "s3cret"


@pytest.fixture
def booked(expert, client_user, sandbox):
    """An appointment in an hour, whose meeting the worker has made in the Zoom stand-in."""
    return zoom_made_appointment(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(hours=1)
    )


@pytest.fixture
def held_earlier(booked):
    """The booked appointment, its meeting moved two hours back: over, as the beat finds it."""
    Meeting.objects.filter(pk=booked.meeting_id).update(
        start_time=timezone.now() - timedelta(hours=2)
    )
    booked.meeting.refresh_from_db()
    return booked


@pytest.fixture
def in_zoom(sandbox):
    """The stand-in's copy of a local meeting, at the local meeting's start time."""

    def find(meeting: Meeting) -> dict:
        meeting.refresh_from_db()
        found = next(m for m in sandbox.meetings() if str(m["id"]) == meeting.zoom_meeting_id)
        return {**found, "start_time": zoom_time(meeting.start_time)}

    return find


def deliver(envelopes) -> list[str]:
    """Zoom delivers each envelope; the worker processes it. The outcomes, in order."""
    outcomes = []
    for envelope in envelopes:
        delivery = webhook_receive(event=envelope["event"], envelope=envelope)
        outcomes.append(webhook_process(delivery_id=delivery.pk))
    return outcomes


def scenario_webhooks(meeting: dict, scenario: str) -> list[dict]:
    return play.webhooks(meeting, scenario)


@pytest.fixture
def report_of(sandbox_server):
    """Have the stand-in serve a scenario's participant report for a meeting."""

    def serve(meeting: dict, scenario: str) -> None:
        sandbox_server.state.set_report(meeting["id"], play.report_rows(meeting, scenario))

    return serve
