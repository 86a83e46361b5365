"""Reads of what attendance still has to settle."""

from datetime import timedelta

from zoom_worker.models import DURATION_MAX, DURATION_MIN, Appointment, Meeting


def meetings_due_for_attendance(*, ended_before, ended_after) -> list[int]:
    """Ids of the appointments' meetings Zoom held whose scheduled end lies between the two
    instants and whose attendance is not settled (Zoom never said they ended). One query:
    the duration bounds narrow it in SQL (SQLite has no minutes-times-duration arithmetic),
    the exact end is checked on the rows it reads."""
    candidates = (
        Meeting.objects.filter(
            appointment__isnull=False,
            attendance__isnull=True,
            zoom_meeting_id__isnull=False,
            wanted=Meeting.Wanted.EXISTS,
            start_time__lte=ended_before - timedelta(minutes=DURATION_MIN),
            start_time__gte=ended_after - timedelta(minutes=DURATION_MAX),
        )
        .exclude(appointment__status=Appointment.Status.CANCELLED)
        .values_list("pk", "start_time", "duration")
    )
    return [
        pk
        for pk, start, duration in candidates
        if ended_after <= start + timedelta(minutes=duration) <= ended_before
    ]
