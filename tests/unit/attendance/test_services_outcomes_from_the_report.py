"""Without participant webhooks the participant report is asked once; a refusal or a 404
settles with what is known (unknown, when that is nothing); a transient failure retries."""

import pytest

from zoom_worker.attendance.report import REPORT_ATTEMPTS_MAX
from zoom_worker.attendance.settle import attendance_settle
from zoom_worker.core.retry import RetryLater
from zoom_worker.models import (
    Appointment,
    Attendance,
    AttendanceOutcome,
    ParticipantInterval,
    SyncAttempt,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("scenario", "outcome", "minutes"),
    [
        ("held", "held", 37),
        ("host_only", "client_no_show", 0),
        ("guest_only", "expert_no_show", 0),
        ("nobody", "nobody_joined", 0),
    ],
)
def test_each_outcome_from_the_report_alone(
    held_earlier, in_zoom, report_of, scenario, outcome, minutes
):
    # given a meeting over, no webhook at all, and Zoom's report of the scenario
    booked = held_earlier
    report_of(in_zoom(booked.meeting), scenario)
    # when the attendance is settled (the beat's way: Zoom never said it ended)
    assert attendance_settle(meeting_id=booked.meeting_id) == outcome
    # then the figures come from the report, asked once
    attendance = Attendance.objects.get(meeting=booked.meeting)
    assert (attendance.source, attendance.together_minutes) == ("report", minutes)
    assert SyncAttempt.objects.filter(action="report", outcome="ok").count() == 1
    # and its stays are kept as intervals, keyed by Zoom's participant number only
    keys = set(ParticipantInterval.objects.values_list("participant", flat=True))
    assert keys <= {"16778240", "16779264"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(None, id="no report (404 3001)"),
        pytest.param({"op": "report", "fault": "400"}, id="refused (400)"),
    ],
)
def test_unknown_when_the_report_is_refused_or_missing(booked, sandbox, fault):
    # given no webhook, and Zoom has no report or refuses it
    if fault:
        sandbox.set_faults(script=[fault])
    # when settled
    outcome = attendance_settle(meeting_id=booked.meeting_id)
    # then the outcome is unknown and the appointment completed (nothing says it did not happen)
    assert outcome == AttendanceOutcome.UNKNOWN
    assert Attendance.objects.get(meeting=booked.meeting).source == Attendance.Source.NONE
    assert Appointment.objects.get(pk=booked.pk).status == Appointment.Status.COMPLETED
    assert SyncAttempt.objects.filter(action="report").count() == 1


@pytest.mark.django_db
def test_a_transient_failure_retries_then_settles_unknown(booked, sandbox, in_zoom, report_of):
    # given Zoom's report fails with 503 every time
    report_of(in_zoom(booked.meeting), "held")
    sandbox.set_faults(script=[{"op": "report", "fault": "503"}] * REPORT_ATTEMPTS_MAX)
    # when settling is tried until it is no longer retried
    for _attempt in range(REPORT_ATTEMPTS_MAX - 1):
        with pytest.raises(RetryLater):
            attendance_settle(meeting_id=booked.meeting_id)
        assert not Attendance.objects.exists()
    outcome = attendance_settle(meeting_id=booked.meeting_id)
    # then the last failure settles as unknown; Zoom was asked exactly that often
    assert outcome == AttendanceOutcome.UNKNOWN
    assert SyncAttempt.objects.filter(action="report").count() == REPORT_ATTEMPTS_MAX


@pytest.mark.django_db
def test_a_transient_failure_then_the_report(held_earlier, sandbox, in_zoom, report_of):
    booked = held_earlier
    report_of(in_zoom(booked.meeting), "held")
    sandbox.set_faults(script=[{"op": "report", "fault": "500"}])
    with pytest.raises(RetryLater):
        attendance_settle(meeting_id=booked.meeting_id)
    assert attendance_settle(meeting_id=booked.meeting_id) == "held"


@pytest.mark.django_db
def test_the_report_is_read_to_its_last_page(booked, sandbox_server, in_zoom):
    # given a report of 301 stays (two pages of 300): the host, and 300 short guest visits
    zoom_meeting = in_zoom(booked.meeting)
    host_id, start = zoom_meeting["host_id"], zoom_meeting["start_time"][:14]
    rows = [{"id": host_id, "user_id": "1", "join_time": f"{start}01:00Z", "status": "in_meeting"}]
    rows += [
        {"id": "", "user_id": str(n), "join_time": f"{start}{n % 50 + 2:02d}:00Z"}
        for n in range(2, 302)
    ]
    sandbox_server.state.set_report(zoom_meeting["id"], rows)
    # when settled
    attendance_settle(meeting_id=booked.meeting_id)
    # then both pages were read
    assert SyncAttempt.objects.filter(action="report", outcome="ok").count() == 2
    assert ParticipantInterval.objects.count() == 301
