"""A person with data in every table the service keeps, and another person beside them."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.tokens import RefreshToken

from lunova.users.services import user_create
from tests.factories import related
from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import (
    Appointment,
    Attendance,
    AttendanceOutcome,
    Meeting,
    ParticipantInterval,
    PlatformEvent,
    WebhookDelivery,
    WebhookOutcome,
)

NOTES = "Uyku sorunu ve kaygı atakları konuşuldu"
TOPIC = "Mehmet ile yas süreci görüşmesi"
OTHER_NOTES = "Başkasının notu: iş stresi"


@dataclass
class Lived:
    past: Appointment
    ahead: Appointment
    others: Appointment
    standalone: Meeting


def _in_zoom(appointment: Appointment, zoom_id: str) -> Appointment:
    meeting = appointment.meeting
    Meeting.objects.filter(pk=meeting.pk).update(
        zoom_meeting_id=zoom_id,
        join_url=f"https://zoom.us/j/{zoom_id}?pwd=Sifre",
        password="Pk7wQ9",
        status=Meeting.Status.READY,
        synced_version=meeting.version,
    )
    return Appointment.objects.select_related("meeting").get(pk=appointment.pk)


def _with_history(appointment: Appointment, n: int) -> None:
    """Attendance, stays, an event sent and a webhook stored, as a session that took place
    leaves them."""
    meeting = appointment.meeting
    start = meeting.start_time
    Attendance.objects.create(
        meeting=meeting,
        outcome=AttendanceOutcome.HELD,
        expert_joined_at=start,
        client_joined_at=start + timedelta(minutes=1),
        together_minutes=40,
        source=Attendance.Source.WEBHOOKS,
        settled_at=start + timedelta(minutes=50),
    )
    ParticipantInterval.objects.create(
        meeting=meeting,
        participant=f"1600{n}",
        joined_at=start,
        left_at=start + timedelta(minutes=45),
    )
    PlatformEvent.objects.create(
        type=PlatformEvent.Type.MEETING_READY,
        meeting=meeting,
        appointment_id=appointment.pk,
        sequence=1,
        data={
            "meeting_id": meeting.zoom_meeting_id,
            "join_url": meeting.join_url,
            "password": meeting.password,
            "host_email": "ayse.zoom@example.com",
            "topic": meeting.topic,
            "start_time": "2030-01-15T10:00:00Z",
            "duration": 45,
            "timezone": "Europe/Istanbul",
        },
    )
    WebhookDelivery.objects.create(
        event="meeting.updated",
        zoom_meeting_id=meeting.zoom_meeting_id,
        dedupe_key=f"key-{n}",
        payload={
            "event": "meeting.updated",
            "event_ts": 1767225600000 + n,
            "payload": {
                "operator": "ayse@example.com",
                "object": {"id": meeting.zoom_meeting_id, "topic": meeting.topic},
            },
        },
        processed_at=timezone.now(),
        outcome=WebhookOutcome.APPLIED,
    )


@pytest.fixture
def lived(expert, client_user, db) -> Lived:
    """The client (mehmet) has a past session with a topic and notes they gave, one ahead, and
    a refresh token; another client has a session with the same expert; the expert has a
    standalone meeting."""
    other = user_create(
        username="ali", role="client", password="danisan-parola-2", email="ali@example.com"
    )
    related(expert=expert, client=other)
    now = timezone.now()
    past = _in_zoom(
        appointment_create(
            expert=expert,
            client=client_user,
            start_time=now + timedelta(days=1),
            topic=TOPIC,
            notes=NOTES,
        ),
        "81000000001",
    )
    Meeting.objects.filter(pk=past.meeting_id).update(start_time=now - timedelta(days=10))
    Appointment.objects.filter(pk=past.pk).update(
        start_time=now - timedelta(days=10), status=Appointment.Status.COMPLETED
    )
    _with_history(past, 1)
    ahead = _in_zoom(
        appointment_create(
            expert=expert, client=client_user, start_time=now + timedelta(days=3), notes=NOTES
        ),
        "81000000002",
    )
    others = _in_zoom(
        appointment_create(
            expert=expert, client=other, start_time=now + timedelta(days=4), notes=OTHER_NOTES
        ),
        "81000000003",
    )
    _with_history(others, 3)
    standalone = standalone_meeting_create(
        owner=expert, topic="Ön görüşme", start_time=now + timedelta(days=5)
    )
    RefreshToken.for_user(client_user)
    return Lived(
        past=Appointment.objects.get(pk=past.pk),
        ahead=ahead,
        others=others,
        standalone=standalone,
    )
