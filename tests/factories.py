"""Appointments in a given state, made through the services (no worker: the Zoom side is set),
and the care relation a booking needs."""

from datetime import timedelta

from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.care.services import care_relation_create
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Appointment, HostSeat, Meeting, ZoomHost

# What the worker writes back from Zoom; start_url and password must never leak where not due.
ZOOM_FACTS = {
    "zoom_meeting_id": "85746065432",
    "join_url": "https://zoom.us/j/85746065432?pwd=Sifre123",
    "start_url": "https://zoom.us/s/85746065432?zak=gizli-host-anahtari-zak",
    "password": "Pk7wQ9",
    "host_email": "host@lunova.example",
}


def related(*, expert, client):
    """The client chose the expert (their active relation, made once): the expert may book them."""
    return care_relation_create(client=client, expert=expert, consent_version="test")[0]


def ready_appointment(*, expert, client, **create) -> Appointment:
    """An appointment whose meeting Zoom holds (status ready, in sync)."""
    create.setdefault("start_time", timezone.now() + timedelta(days=3))
    related(expert=expert, client=client)
    appointment = appointment_create(expert=expert, client=client, **create)
    meeting = appointment.meeting
    Meeting.objects.filter(pk=meeting.pk).update(
        **ZOOM_FACTS,
        start_url_issued_at=timezone.now(),
        status=Meeting.Status.READY,
        synced_version=meeting.version,
    )
    return Appointment.objects.select_related("meeting").get(pk=appointment.pk)


def zoom_made_appointment(*, expert, client, start_time) -> Appointment:
    """An appointment whose meeting the worker has made in the Zoom stand-in (running)."""
    related(expert=expert, client=client)
    appointment = appointment_create(expert=expert, client=client, start_time=start_time)
    assert meeting_sync(meeting_id=appointment.meeting_id, worker_id="t") == Meeting.Status.READY
    return Appointment.objects.select_related("meeting").get(pk=appointment.pk)


def pool_meeting(*, owner, host: ZoomHost, start, duration: int = 45, seat: int = 0) -> Meeting:
    """A meeting holding `seat` of a pool host over [start, end) (no buffer), as a booking
    leaves it."""
    meeting = Meeting.objects.create(
        owner=owner,
        host=host.user,
        pool_host=host,
        topic="Terapi",
        start_time=start,
        duration=duration,
        timezone="Europe/Istanbul",
    )
    HostSeat.objects.create(
        meeting=meeting,
        host=host,
        seat=seat,
        starts_at=start,
        ends_at=meeting.ends_at,
    )
    return meeting
