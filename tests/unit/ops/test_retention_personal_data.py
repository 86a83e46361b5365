"""records_prune: sessions older than LUNOVA_PERSONAL_DATA_DAYS lose their notes and participant
stays (the appointment, its outcome and minutes stay); expired refresh-token records go."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from tests.unit.personal_data.conftest import NOTES
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import Appointment, Attendance, Meeting, ParticipantInterval
from zoom_worker.ops.retention import records_prune


def session(expert, client, *, days_ago: int) -> Appointment:
    """A settled session that started `days_ago` days ago, with notes and two stays (one a
    leave whose join never came)."""
    start = timezone.now() - timedelta(days=days_ago)
    appointment = appointment_create(
        expert=expert, client=client, start_time=timezone.now() + timedelta(days=1), notes=NOTES
    )
    Meeting.objects.filter(pk=appointment.meeting_id).update(start_time=start)
    Appointment.objects.filter(pk=appointment.pk).update(start_time=start, status="completed")
    Attendance.objects.create(
        meeting_id=appointment.meeting_id,
        outcome="held",
        together_minutes=40,
        source="webhooks",
        settled_at=start + timedelta(hours=1),
    )
    ParticipantInterval.objects.create(
        meeting_id=appointment.meeting_id,
        participant="16001",
        joined_at=start,
        left_at=start + timedelta(minutes=45),
    )
    ParticipantInterval.objects.create(
        meeting_id=appointment.meeting_id, participant="16002", left_at=start
    )
    return appointment


@pytest.mark.django_db
def test_old_sessions_lose_notes_and_stays_and_keep_their_outcome(expert, client_user):
    # given sessions on both sides of 730 days
    old = [session(expert, client_user, days_ago=731) for _ in range(3)]
    recent = session(expert, client_user, days_ago=729)
    # when pruning runs, two rows at a time
    done = records_prune(batch_size=2)
    # then the old sessions' notes are empty and their stays gone
    assert done["zoom_worker.Appointment.forgotten"] == 3
    assert done["zoom_worker.ParticipantInterval"] == 6
    for appointment in old:
        row = Appointment.objects.get(pk=appointment.pk)
        assert row.notes == ""
        assert not ParticipantInterval.objects.filter(meeting_id=row.meeting_id).exists()
        attendance = Attendance.objects.get(meeting_id=row.meeting_id)
        assert (attendance.outcome, attendance.together_minutes) == ("held", 40)
    # and the recent one keeps them
    assert Appointment.objects.get(pk=recent.pk).notes == NOTES
    assert ParticipantInterval.objects.filter(meeting_id=recent.meeting_id).count() == 2
    # and a second pass finds nothing left
    assert sum(records_prune().values()) == 0


@pytest.mark.django_db
def test_the_personal_data_setting_is_the_age(expert, client_user, settings):
    session(expert, client_user, days_ago=40)
    settings.LUNOVA_PERSONAL_DATA_DAYS = 30
    assert records_prune()["zoom_worker.Appointment.forgotten"] == 1


@pytest.mark.django_db
def test_expired_refresh_token_records_go(client_user):
    # given one live refresh token and one expired
    live = RefreshToken.for_user(client_user)
    expired = RefreshToken.for_user(client_user)
    OutstandingToken.objects.filter(jti=expired["jti"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    # when pruning runs
    records_prune()
    # then only the live one is left
    assert list(OutstandingToken.objects.values_list("jti", flat=True)) == [live["jti"]]
