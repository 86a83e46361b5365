"""With the pool full, POST and PATCH answer 409 no_host_free (translated) and write nothing,
for appointments and the seed's /zoom/meetings/ alike."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Appointment, HostSeat, Meeting, ZoomHost

pytestmark = pytest.mark.django_db


@pytest.fixture
def hour():
    return (timezone.now() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def full_at(expert, client_user, hour):
    """A pool of one seat, taken at `hour`; a second appointment three hours later."""
    ZoomHost.objects.create(user="host1@pool.test", email="host1@pool.test")
    appointment_create(expert=expert, client=client_user, start_time=hour)
    later = hour + timedelta(hours=3)
    return appointment_create(expert=expert, client=client_user, start_time=later)


def iso(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def rows() -> tuple[int, int, int]:
    return Meeting.objects.count(), Appointment.objects.count(), HostSeat.objects.count()


def assert_no_host_free(response) -> None:
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "no_host_free"
    assert response.json()["detail"]


def test_appointment_post_is_refused(api, expert, client_user, hour, full_at):
    before = rows()
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": iso(hour)},
        format="json",
    )
    assert_no_host_free(response)
    assert rows() == before


def test_appointment_patch_is_refused_and_the_meeting_kept(api, expert, hour, full_at):
    meeting = full_at.meeting
    response = api(expert).patch(
        f"/api/v1/appointments/{full_at.pk}/", {"start_time": iso(hour)}, format="json"
    )
    assert_no_host_free(response)
    kept = Meeting.objects.get(pk=meeting.pk)
    assert (kept.start_time, kept.version) == (meeting.start_time, meeting.version)


def test_seed_meeting_post_and_patch_are_refused(api, expert, hour, full_at):
    before = rows()
    response = api(expert).post(
        "/api/v1/zoom/meetings/", {"topic": "Görüşme", "start_time": iso(hour)}, format="json"
    )
    assert_no_host_free(response)
    assert rows() == before
    later = standalone_meeting_create(
        owner=expert, topic="Sonra", start_time=hour + timedelta(hours=6)
    )
    response = api(expert).patch(
        f"/api/v1/zoom/meetings/{later.pk}/", {"start_time": iso(hour)}, format="json"
    )
    assert_no_host_free(response)
    assert Meeting.objects.get(pk=later.pk).start_time == later.start_time


def test_the_refusal_is_in_turkish(api, expert, client_user, hour, full_at):
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": iso(hour)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="tr",
    )
    assert response.json()["detail"] == "O saatte boş Zoom sahibi yok; lütfen başka bir saat seçin."
