"""What a platform event says: its data, and the body sent (JSON, UTC times with `Z`)."""

import json
from datetime import datetime

from zoom_worker.models import Attendance, Meeting, PlatformEvent
from zoom_worker.zoom.times import zoom_time


def meeting_facts(meeting: Meeting) -> dict:
    """What a participant may be told of the meeting: never the start link or anything of the
    client's."""
    return {
        "meeting_id": meeting.zoom_meeting_id,
        "join_url": meeting.join_url,
        "password": meeting.password,
        "host_email": meeting.host_email,
        "topic": meeting.topic,
        "start_time": _utc(meeting.start_time),
        "duration": meeting.duration,
        "timezone": meeting.timezone,
    }


def appointment_ended_data(*, appointment, figures: Attendance) -> dict:
    """The status and the attendance figures (the settled Attendance row, or the attendance
    figures it was made from), nothing else."""
    return {
        "status": appointment.status,
        "attendance": {
            "outcome": figures.outcome,
            "expert_joined_at": _utc(figures.expert_joined_at),
            "client_joined_at": _utc(figures.client_joined_at),
            "together_minutes": figures.together_minutes,
        },
    }


def _utc(moment: datetime | None) -> str | None:
    return zoom_time(moment) if moment else None


def event_body(event: PlatformEvent) -> bytes:
    return json.dumps(
        {
            "id": str(event.pk),
            "type": event.type,
            "created_at": _utc(event.created_at),
            "sequence": event.sequence,
            "meeting": event.meeting_id,
            "appointment": event.appointment_id,
            "data": event.data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
