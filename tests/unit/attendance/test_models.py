"""ParticipantInterval is one row per participant and join instant; Attendance one per meeting;
the worker keeps Zoom's host id from the create answer."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from zoom_worker.meetings.sync import _facts_from
from zoom_worker.models import Attendance, Meeting, ParticipantInterval


def a_meeting(owner) -> Meeting:
    return Meeting.objects.create(
        owner=owner,
        host="me",
        topic="Terapi",
        start_time=timezone.now(),
        duration=45,
        timezone="Europe/Istanbul",
    )


@pytest.mark.django_db
def test_the_same_join_twice_is_refused_so_writers_upsert(expert):
    # given one interval of a participant
    meeting = a_meeting(expert)
    joined = timezone.now()
    ParticipantInterval.objects.create(meeting=meeting, participant="16778240", joined_at=joined)
    # when the same participant and join instant is stored again
    # then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantInterval.objects.create(
            meeting=meeting, participant="16778240", joined_at=joined
        )
    # and a later join of the same participant is a second interval
    ParticipantInterval.objects.create(
        meeting=meeting, participant="16778240", joined_at=joined + timedelta(minutes=5)
    )
    assert meeting.intervals.count() == 2


@pytest.mark.django_db
def test_one_leave_without_its_join_is_one_row(expert):
    # given a leave whose join never arrived
    meeting = a_meeting(expert)
    left_at = timezone.now()
    ParticipantInterval.objects.create(meeting=meeting, participant="p1", left_at=left_at)
    # when the same join-less leave is stored again
    # then the missing join counts as the same key (not as distinct NULLs)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantInterval.objects.create(meeting=meeting, participant="p1", left_at=left_at)


@pytest.mark.django_db
def test_two_leaves_waiting_for_their_joins_are_two_rows(expert):
    # given two leaves of one participant delivered before either join (a rejoin, reordered)
    meeting = a_meeting(expert)
    first = timezone.now()
    ParticipantInterval.objects.create(meeting=meeting, participant="p1", left_at=first)
    # when the second is stored, then both are kept for their joins to pair with
    ParticipantInterval.objects.create(
        meeting=meeting, participant="p1", left_at=first + timedelta(minutes=20)
    )
    assert meeting.intervals.count() == 2


@pytest.mark.django_db
def test_attendance_is_one_per_meeting(expert):
    # given a settled meeting
    meeting = a_meeting(expert)
    Attendance.objects.create(
        meeting=meeting,
        outcome="held",
        together_minutes=37,
        source="webhooks",
        settled_at=timezone.now(),
    )
    # when it is settled a second time as a new row
    # then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=meeting, outcome="unknown", source="none", settled_at=timezone.now()
        )


def test_the_create_answer_host_id_is_kept():
    # given Zoom's create answer
    answer = {"id": 81234567890, "host_id": "z8yCxjabcd", "host_email": "h@example.com"}
    # when the worker takes its facts
    # then the host id is among them
    assert _facts_from(answer)["zoom_host_id"] == "z8yCxjabcd"
