"""Each outcome from the participant webhooks of a played meeting, settled on meeting.ended."""

import pytest

from tests.unit.attendance.conftest import deliver, scenario_webhooks
from zoom_worker.attendance.settle import attendance_settle
from zoom_worker.models import Appointment, Attendance, PlatformEvent, SyncAttempt


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("scenario", "outcome", "minutes", "status"),
    [
        ("held", "held", 37, Appointment.Status.COMPLETED),
        ("host_only", "client_no_show", 0, Appointment.Status.NO_SHOW),
        ("guest_only", "expert_no_show", 0, Appointment.Status.NO_SHOW),
    ],
)
def test_each_outcome_from_webhooks(booked, in_zoom, scenario, outcome, minutes, status):
    # given the scenario's webhooks (host +1..+45, guest +3..+40, ended +45)
    zoom_meeting = in_zoom(booked.meeting)
    deliver(scenario_webhooks(zoom_meeting, scenario))
    # when the attendance is settled
    assert attendance_settle(meeting_id=booked.meeting_id) == outcome
    # then the figures, the source and the appointment's status follow, without asking Zoom
    attendance = Attendance.objects.get(meeting=booked.meeting)
    assert (attendance.outcome, attendance.together_minutes) == (outcome, minutes)
    assert attendance.source == Attendance.Source.WEBHOOKS
    assert Appointment.objects.get(pk=booked.pk).status == status
    assert not SyncAttempt.objects.filter(action="report").exists()
    # and appointment.ended tells the platform exactly that
    event = PlatformEvent.objects.get(type=PlatformEvent.Type.APPOINTMENT_ENDED)
    assert event.data["status"] == status
    assert event.data["attendance"]["outcome"] == outcome
    assert event.data["attendance"]["together_minutes"] == minutes


@pytest.mark.django_db
def test_held_records_who_joined_first(booked, in_zoom):
    zoom_meeting = in_zoom(booked.meeting)
    deliver(scenario_webhooks(zoom_meeting, "held"))
    attendance_settle(meeting_id=booked.meeting_id)
    attendance = Attendance.objects.get(meeting=booked.meeting)
    start = booked.meeting.start_time.replace(microsecond=0)  # Zoom keeps whole seconds
    assert (attendance.expert_joined_at - start).total_seconds() == 60
    assert (attendance.client_joined_at - start).total_seconds() == 180


@pytest.mark.django_db
def test_nobody_joined_when_no_participant_webhook_and_an_empty_report(booked, in_zoom, report_of):
    # given a meeting that ended with no participant webhook, and Zoom's report lists no one
    zoom_meeting = in_zoom(booked.meeting)
    report_of(zoom_meeting, "nobody")
    assert deliver(scenario_webhooks(zoom_meeting, "nobody")) == ["applied"]
    # when settled
    outcome = attendance_settle(meeting_id=booked.meeting_id)
    # then the report was asked once, and it says nobody came
    assert outcome == "nobody_joined"
    assert SyncAttempt.objects.filter(action="report").count() == 1
    assert Appointment.objects.get(pk=booked.pk).status == Appointment.Status.NO_SHOW
