"""Zoom's meeting objects: made from a create body, changed by a patch body, cut down for a list."""

import base64
import hashlib
import secrets
import string
from datetime import UTC, datetime, timedelta

from .validation import to_utc

DEFAULT_TOPIC = "Zoom Meeting"
DEFAULT_DURATION = 60
# The time zone of the sandbox host's profile: Zoom's fallback when a body names none.
HOST_TIMEZONE = "UTC"
# The meeting settings the service relies on, with Zoom's defaults; requested ones are laid over.
DEFAULT_SETTINGS = {
    "host_video": False,
    "participant_video": False,
    "join_before_host": False,
    "jbh_time": 0,
    "mute_upon_entry": False,
    "waiting_room": False,
    "approval_type": 2,
    "audio": "both",
    "auto_recording": "none",
    "meeting_authentication": False,
}
LIST_FIELDS = (
    "id",
    "uuid",
    "host_id",
    "topic",
    "type",
    "start_time",
    "duration",
    "timezone",
    "agenda",
    "created_at",
    "join_url",
)
LIST_AGENDA_LENGTH = 250
PASSCODE_ALPHABET = string.ascii_letters + string.digits


def zoom_time(moment):
    """Zoom's timestamp form: UTC, whole seconds, Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_zoom_time(text):
    """The aware UTC instant of one of Zoom's timestamps."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def host_id_for(email):
    """A stable 22-character user id per e-mail address, shaped like Zoom's."""
    digest = hashlib.sha256(email.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_meeting(meeting_id, host_email, body, now):
    timezone = body.get("timezone", HOST_TIMEZONE)
    start = to_utc(body["start_time"], timezone) if "start_time" in body else now
    meeting = {
        "id": meeting_id,
        "uuid": base64.b64encode(secrets.token_bytes(16)).decode(),
        "host_id": host_id_for(host_email),
        "host_email": host_email,
        "topic": body.get("topic", DEFAULT_TOPIC),
        "type": body.get("type", 2),
        "status": "waiting",
        "start_time": zoom_time(start),
        "duration": body.get("duration", DEFAULT_DURATION),
        "timezone": timezone,
        "agenda": body.get("agenda", ""),
        "created_at": zoom_time(now),
        "pre_schedule": False,
        "tracking_fields": body.get("tracking_fields", []),
        "settings": _settings(DEFAULT_SETTINGS, body.get("settings", {})),
    }
    # Zoom makes up a passcode when none is asked for; an empty one means no passcode.
    password = body.get("password", "".join(secrets.choice(PASSCODE_ALPHABET) for _ in range(6)))
    _set_password(meeting, password)
    return with_fresh_start_url(meeting)


def patched(meeting, body):
    """The meeting as Zoom's PATCH leaves it: only the fields present change."""
    meeting = dict(meeting)
    # A wall-clock start_time is read in the zone being set, else in the meeting's own.
    timezone = body.get("timezone", meeting["timezone"])
    if "start_time" in body:
        meeting["start_time"] = zoom_time(to_utc(body["start_time"], timezone))
    for field in ("topic", "type", "duration", "timezone", "agenda", "tracking_fields"):
        if field in body:
            meeting[field] = body[field]
    if "settings" in body:
        meeting["settings"] = _settings(meeting["settings"], body["settings"])
    if "password" in body:
        _set_password(meeting, body["password"])
    return meeting


def with_fresh_start_url(meeting):
    """The meeting with a new host token (zak) in start_url, as every GET gives."""
    zak = secrets.token_urlsafe(48)
    return {**meeting, "start_url": f"https://zoom.us/s/{meeting['id']}?zak={zak}"}


def list_item(meeting):
    item = {field: meeting[field] for field in LIST_FIELDS}
    item["agenda"] = item["agenda"][:LIST_AGENDA_LENGTH]
    return item


def has_ended(meeting, now):
    start = parse_zoom_time(meeting["start_time"])
    return start + timedelta(minutes=meeting["duration"]) <= now


def _settings(current, requested):
    settings = {**current, **requested}
    # As in Zoom, a waiting room turns join-before-host off.
    if settings.get("waiting_room"):
        settings["join_before_host"] = False
    return settings


def _set_password(meeting, password):
    meeting["password"] = password
    meeting["encrypted_password"] = f"{secrets.token_urlsafe(24)}.1" if password else ""
    # The passcode phone and H.323 callers type: digits only.
    meeting["h323_password"] = (
        password if password.isdigit() else "".join(secrets.choice(string.digits) for _ in password)
    )
    query = f"?pwd={meeting['encrypted_password']}" if password else ""
    meeting["join_url"] = f"https://zoom.us/j/{meeting['id']}{query}"
