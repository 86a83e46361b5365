"""services/appointments.py: the appointment's business state moves only forward, a cancel is
final and idempotent, and a generated title follows a reschedule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.appointments.services import (
    appointment_approve,
    appointment_cancel,
    appointment_create,
    appointment_mark_ended,
    appointment_mark_started,
    appointment_update,
)
from zoom_worker.meetings.services import MeetingConflict
from zoom_worker.models import Appointment, Meeting


@pytest.fixture
def appointment(expert, client_user):
    return appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )


@pytest.mark.django_db
def test_cancel_is_final_and_idempotent(appointment):
    # given a cancelled appointment
    appointment_cancel(appointment=appointment)
    version = Meeting.objects.get(pk=appointment.meeting_id).version
    # when it is cancelled again, then nothing more is asked of Zoom
    appointment_cancel(appointment=appointment)
    meeting = Meeting.objects.get(pk=appointment.meeting_id)
    assert (meeting.wanted, meeting.version) == (Meeting.Wanted.GONE, version)
    # and it can be neither changed nor approved
    with pytest.raises(MeetingConflict):
        appointment_update(appointment=appointment, duration=60)
    with pytest.raises(MeetingConflict):
        appointment_approve(appointment=appointment)


@pytest.mark.django_db
def test_a_generated_title_follows_the_new_time(appointment):
    # given an appointment whose title was generated
    before = Meeting.objects.get(pk=appointment.meeting_id).topic
    # when it is moved by two days
    new_start = appointment.meeting.start_time + timedelta(days=2)
    appointment_update(appointment=appointment, start_time=new_start)
    # then the title names the new date
    after = Meeting.objects.get(pk=appointment.meeting_id).topic
    assert after != before
    assert after.startswith("Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · ")


@pytest.mark.django_db
def test_a_given_title_is_kept_through_a_reschedule(appointment):
    # given an appointment with a title the expert gave
    appointment_update(appointment=appointment, topic="  Aile   danışmanlığı ")
    # when it is moved
    appointment_update(appointment=appointment, start_time=timezone.now() + timedelta(days=3))
    # then the given title, cleaned, stays
    assert Meeting.objects.get(pk=appointment.meeting_id).topic == "Aile danışmanlığı"


@pytest.mark.django_db
def test_started_then_completed_and_never_back(appointment):
    # given an approved appointment
    appointment_approve(appointment=appointment)
    # when Zoom says it started and then ended
    assert appointment_mark_started(appointment=appointment)
    assert appointment_mark_ended(appointment=appointment)
    # then a late "started" cannot reopen it
    assert not appointment_mark_started(appointment=appointment)
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.COMPLETED


@pytest.mark.django_db
def test_the_appointment_keeps_its_meetings_start_time(expert, client_user):
    # given an appointment, when it is rescheduled
    later = timezone.now().replace(microsecond=0) + timedelta(days=9)
    made = appointment_create(
        expert=expert, client=client_user, start_time=later - timedelta(days=7)
    )
    appointment_update(appointment=made, start_time=later)
    # then the copy the lists sort on follows the meeting's start
    stored = Appointment.objects.select_related("meeting").get(pk=made.pk)
    assert stored.start_time == stored.meeting.start_time == later
