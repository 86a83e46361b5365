"""Reads of what attendance still has to settle."""

from datetime import UTC, datetime, timedelta

from zoom_worker.models import DURATION_MAX, DURATION_MIN, Appointment, Meeting, WebhookDelivery
from zoom_worker.zoom.times import zoom_instant


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


def meeting_ended_at(meeting: Meeting) -> datetime | None:
    """When Zoom said the meeting ended (its `meeting.ended`), if it did."""
    reports = WebhookDelivery.objects.meeting_ended(zoom_meeting_id=meeting.zoom_meeting_id)
    ended = reports.values_list("payload", "event_ts").first()
    if ended is None:
        return None
    payload, event_ts = ended
    obj = (payload.get("payload") or {}).get("object") if isinstance(payload, dict) else None
    end_time = zoom_instant(obj.get("end_time")) if isinstance(obj, dict) else None
    if end_time is None and event_ts is not None:
        end_time = datetime.fromtimestamp(event_ts / 1000, UTC)
    return end_time
