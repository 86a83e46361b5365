"""Every appointment carries `attendance`: all null until settled, then the settled figures (in
UTC); a list of settled appointments costs the same queries for any number of rows."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ready_appointment
from zoom_worker.models import Appointment, Attendance, AttendanceOutcome, Meeting

URL = "/api/v1/appointments/"
NOT_SETTLED = {
    "outcome": None,
    "expert_joined_at": None,
    "client_joined_at": None,
    "together_minutes": None,
}


def settled(appointment: Appointment, n: int = 0) -> Appointment:
    # ready_appointment gives every meeting the same Zoom id: each needs its own.
    Meeting.objects.filter(pk=appointment.meeting_id).update(zoom_meeting_id=str(9000000000 + n))
    Attendance.objects.create(
        meeting_id=appointment.meeting_id,
        outcome=AttendanceOutcome.HELD,
        expert_joined_at=datetime(2026, 12, 1, 10, 1, tzinfo=UTC),
        client_joined_at=datetime(2026, 12, 1, 10, 3, tzinfo=UTC),
        together_minutes=37,
        source=Attendance.Source.WEBHOOKS,
        settled_at=timezone.now(),
    )
    Appointment.objects.filter(pk=appointment.pk).update(status=Appointment.Status.COMPLETED)
    return appointment


@pytest.mark.django_db
def test_attendance_is_null_until_settled(api, expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    body = api(client_user).get(f"{URL}{appointment.pk}/").json()
    assert body["attendance"] == NOT_SETTLED


@pytest.mark.django_db
def test_settled_attendance_is_shown_to_both_sides(api, expert, client_user):
    appointment = settled(ready_appointment(expert=expert, client=client_user))
    for user in (expert, client_user):
        body = api(user).get(f"{URL}{appointment.pk}/").json()
        assert body["status"] == "completed"
        assert body["attendance"] == {
            "outcome": "held",
            "expert_joined_at": "2026-12-01T10:01:00Z",
            "client_joined_at": "2026-12-01T10:03:00Z",
            "together_minutes": 37,
        }


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_a_list_of_settled_appointments_is_three_queries(api, expert, client_user, rows):
    for n in range(rows):
        start = timezone.now() + timedelta(days=3, hours=n)
        settled(ready_appointment(expert=expert, client=client_user, start_time=start), n)
    client = api(expert)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    listed = body["results"] if isinstance(body, dict) else body
    assert [row["attendance"]["outcome"] for row in listed] == ["held"] * rows
    assert len(captured.captured_queries) == 3  # caller, count, one joined page
