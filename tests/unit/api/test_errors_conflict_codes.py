"""Every 409 carries its machine-readable `code` beside the message."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import future
from tests.factories import ready_appointment
from zoom_worker.appointments.services import appointment_cancel, appointment_create
from zoom_worker.meetings.services import standalone_meeting_create, standalone_meeting_delete

APPOINTMENTS = "/api/v1/appointments/"


@pytest.fixture
def cancelled(expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    return appointment_cancel(appointment=appointment)


def conflict(answer) -> str:
    assert answer.status_code == 409, answer.content
    body = answer.json()
    assert set(body) == {"detail", "code"} and body["detail"]
    return body["code"]


@pytest.mark.django_db
def test_changing_a_cancelled_appointment(api, expert, cancelled):
    answer = api(expert).patch(f"{APPOINTMENTS}{cancelled.pk}/", {"duration": 30}, format="json")
    assert conflict(answer) == "cancelled"


@pytest.mark.django_db
def test_approving_a_cancelled_appointment(api, expert, cancelled):
    answer = api(expert).post(f"{APPOINTMENTS}{cancelled.pk}/approve/")
    assert conflict(answer) == "cancelled"


@pytest.mark.django_db
def test_resyncing_a_meeting_that_did_not_fail(api, expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    answer = api(expert).post(f"{APPOINTMENTS}{appointment.pk}/resync/")
    assert conflict(answer) == "not_failed"


@pytest.mark.django_db
def test_the_start_link_of_a_meeting_not_ready(api, expert, client_user):
    appointment = appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
    answer = api(expert).get(f"{APPOINTMENTS}{appointment.pk}/start/")
    assert conflict(answer) == "not_ready"


@pytest.mark.django_db
def test_changing_a_deleted_standalone_meeting(api, expert):
    meeting = standalone_meeting_create(
        owner=expert, topic="Ön görüşme", start_time=timezone.now() + timedelta(days=1)
    )
    standalone_meeting_delete(meeting=meeting)
    answer = api(expert).patch(
        f"/api/v1/zoom/meetings/{meeting.pk}/", {"start_time": future(days=2)}, format="json"
    )
    assert conflict(answer) == "cancelled"
