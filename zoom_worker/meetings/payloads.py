"""What Lunova sends to Zoom for a meeting, and how it reads Zoom's answers.

Pure functions: desired state in, Zoom JSON out. No client data ever enters a payload.
"""

import secrets
import string
from datetime import datetime
from uuid import UUID

from django.conf import settings

from zoom_worker.zoom.times import zoom_instant, zoom_time

PASSCODE_ALPHABET = string.ascii_letters + string.digits
PASSCODE_LENGTH = 10
MEETING_SETTINGS = {
    "waiting_room": True,
    "join_before_host": False,
    "approval_type": 2,
    "auto_recording": "none",
}
SYNCED_FIELDS = ("topic", "start_time", "duration", "timezone")


def marker_text(marker: UUID) -> str:
    return f"{settings.LUNOVA_MARKER_PREFIX}:{marker}"


def marker_in(agenda: str | None) -> UUID | None:
    """The marker of one of our meetings, or None for any other meeting on the account."""
    prefix = f"{settings.LUNOVA_MARKER_PREFIX}:"
    for word in (agenda or "").split():
        if word.startswith(prefix):
            try:
                return UUID(word[len(prefix) :])
            except ValueError:
                return None
    return None


def desired_fields(*, topic: str, start_time: datetime, duration: int, timezone: str) -> dict:
    return {
        "topic": topic,
        "start_time": zoom_time(start_time),
        "duration": duration,
        "timezone": timezone,
    }


def desired_fields_of(meeting) -> dict:
    """What Zoom should hold for a meeting row."""
    return desired_fields(
        topic=meeting.topic,
        start_time=meeting.start_time,
        duration=meeting.duration,
        timezone=meeting.timezone,
    )


def create_body(*, desired: dict, marker: UUID) -> dict:
    return {
        **desired,
        "type": 2,
        "password": "".join(secrets.choice(PASSCODE_ALPHABET) for _ in range(PASSCODE_LENGTH)),
        "agenda": marker_text(marker),
        "settings": MEETING_SETTINGS,
    }


def changed_fields(*, desired: dict, held: dict) -> dict:
    return {key: value for key, value in desired.items() if held.get(key) != value}


def held_fields(answer: dict) -> dict:
    """The synced fields as Zoom reports them, in the form `desired_fields` produces."""
    held = {key: answer.get(key) for key in SYNCED_FIELDS}
    start = zoom_instant(held["start_time"])
    if start is not None:
        held["start_time"] = zoom_time(start)
    return held
