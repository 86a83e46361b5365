"""When Zoom never says a meeting ended, the beat settles it LUNOVA_ATTENDANCE_SETTLE_MINUTES
after its scheduled end: one query finds the due meetings, each goes to a worker of its own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from celery_app import app
from tests.unit.attendance.conftest import deliver, scenario_webhooks
from zoom_worker.appointments.services import appointment_cancel
from zoom_worker.core.task_names import SETTLE_ATTENDANCE
from zoom_worker.models import Appointment, Attendance, Meeting
from zoom_worker.tasks import settle_attendance, settle_meeting_attendance


@pytest.fixture
def sent(monkeypatch) -> list:
    ids: list = []

    def send_task(name, args, **kwargs):
        assert name == SETTLE_ATTENDANCE
        ids.append(args[0])

    monkeypatch.setattr(app, "send_task", send_task)
    return ids


def moved_back(appointment: Appointment, minutes_past_end: float) -> None:
    meeting = appointment.meeting
    start = timezone.now() - timedelta(minutes=meeting.duration + minutes_past_end)
    Meeting.objects.filter(pk=meeting.pk).update(start_time=start)
    meeting.refresh_from_db()


@pytest.mark.django_db
def test_the_beat_settles_a_meeting_zoom_never_ended(
    held_earlier, in_zoom, sent, settings, django_assert_num_queries
):
    # given participant webhooks of a held meeting, the host never seen leaving, no meeting.ended
    settings.LUNOVA_ATTENDANCE_SETTLE_MINUTES = 30
    bodies = scenario_webhooks(in_zoom(held_earlier.meeting), "held")
    deliver(
        [b for b in bodies if b["event"] not in ("meeting.ended", "meeting.participant_left")]
        + [b for b in bodies if b["event"] == "meeting.participant_left"][:1]
    )
    # when the beat runs
    with django_assert_num_queries(1):
        assert settle_attendance() == 1
    # then the meeting went to a worker, which settles it: the host's open stay ends now
    assert sent == [held_earlier.meeting_id]
    assert settle_meeting_attendance(sent[0]) == "held"
    attendance = Attendance.objects.get()
    assert (attendance.together_minutes, attendance.source) == (37, "webhooks")
    assert Appointment.objects.get(pk=held_earlier.pk).status == Appointment.Status.COMPLETED
    # and the next run finds nothing left
    assert settle_attendance() == 0


@pytest.mark.django_db
def test_only_meetings_past_the_settle_delay_are_due(booked, sent, settings):
    settings.LUNOVA_ATTENDANCE_SETTLE_MINUTES = 30
    moved_back(booked, minutes_past_end=29)
    assert settle_attendance() == 0
    moved_back(booked, minutes_past_end=31)
    assert settle_attendance() == 1


@pytest.mark.django_db
def test_a_cancelled_appointment_is_never_settled(booked, sent):
    moved_back(booked, minutes_past_end=60)
    appointment_cancel(appointment=booked)
    assert settle_attendance() == 0
    assert settle_meeting_attendance(booked.meeting_id) is None
    assert not Attendance.objects.exists()
