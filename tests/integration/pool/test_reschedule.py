"""A reschedule keeps the pool host and the link when the host is free at the new time; when it
is not, the meeting is made on another free host, the old one deleted from Zoom, and the
platform is told the link changed."""

from datetime import timedelta

import pytest

from tests.integration.conftest import fresh, sync
from tests.integration.pool.conftest import HOSTS, next_hour
from zoom_worker.appointments.services import appointment_create, appointment_update
from zoom_worker.models import FormerZoomMeeting, HostSeat, Meeting, PlatformEvent, ZoomHost

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _events_recorded(settings):
    # Recorded in the database with the write-back; nothing needs to receive them here.
    settings.LUNOVA_EVENTS_URL = "http://127.0.0.1:9/events"
    settings.LUNOVA_EVENTS_SECRET = "test-events-secret-0123456789"


def booked_and_synced(expert, client, start) -> Meeting:
    meeting = appointment_create(expert=expert, client=client, start_time=start).meeting
    assert sync(meeting) == Meeting.Status.READY
    return fresh(meeting)


def last_update(meeting: Meeting) -> dict:
    event = PlatformEvent.objects.filter(meeting=meeting, type="meeting.updated")
    return event.latest("sequence").data


def test_a_free_host_keeps_the_meeting_and_its_link(expert, client_user, pool, sandbox):
    # given a pool meeting Zoom holds
    pool({HOSTS[0]: 1})
    meeting = booked_and_synced(expert, client_user, next_hour())
    # when it is moved half an hour later (its host is free then, its own seat aside)
    later = meeting.start_time + timedelta(minutes=30)
    appointment_update(appointment=meeting.appointment, start_time=later)
    assert sync(meeting) == Meeting.Status.READY
    # then the same Zoom meeting was changed: same host, same id, same link
    moved = fresh(meeting)
    [held] = sandbox.meetings()
    assert (moved.zoom_meeting_id, moved.join_url) == (meeting.zoom_meeting_id, meeting.join_url)
    assert held["host_email"] == HOSTS[0]
    assert held["start_time"] == later.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert last_update(meeting)["join_url_changed"] is False


def test_a_busy_host_hands_the_meeting_to_a_free_one(expert, client_user, pool, sandbox):
    # given two meetings on the one host, three hours apart, both in Zoom
    pool({HOSTS[0]: 1})
    start = next_hour()
    moving = booked_and_synced(expert, client_user, start)
    booked_and_synced(expert, client_user, start + timedelta(hours=3))
    # and a second host joins the pool
    ZoomHost.objects.create(user=HOSTS[1], email=HOSTS[1])
    # when the first is moved onto the second's time
    appointment_update(appointment=moving.appointment, start_time=start + timedelta(hours=3))
    assert sync(moving) == Meeting.Status.READY
    # then it was made anew on the free host and the old one deleted from the first
    moved = fresh(moving)
    assert (moved.host, moved.host_email) == (HOSTS[1], HOSTS[1])
    assert HostSeat.objects.get(meeting=moved).host.user == HOSTS[1]
    held = {str(m["id"]): m["host_email"] for m in sandbox.meetings()}
    assert moving.zoom_meeting_id not in held
    assert held[moved.zoom_meeting_id] == HOSTS[1]
    assert not FormerZoomMeeting.objects.exists()
    # and the link changed, which the platform event and the invite's SEQUENCE say
    assert moved.join_url != moving.join_url
    assert last_update(moving)["join_url_changed"] is True
    assert last_update(moving)["host_email"] == HOSTS[1]
    assert moved.version > moving.version
