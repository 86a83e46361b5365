"""Zoom's participant objects and times, as its webhooks send them: who (Zoom's per-session key,
never a name), whether the host, and when."""

from datetime import datetime

from zoom_worker.models import Meeting
from zoom_worker.zoom.times import zoom_instant


def participant_of(
    meeting: Meeting, envelope: dict, time_key: str
) -> tuple[str, bool, datetime] | None:
    """Who (Zoom's per-meeting key, never a name), whether the host, and when; None if malformed."""
    payload = envelope.get("payload") if isinstance(envelope, dict) else None
    obj = payload.get("object") if isinstance(payload, dict) else None
    obj = obj if isinstance(obj, dict) else {}
    participant = obj.get("participant")
    if not isinstance(participant, dict):
        return None
    key = participant.get("user_id") or participant.get("participant_uuid")
    at = zoom_instant(participant.get(time_key))
    if at is None or not key or not isinstance(key, str | int):
        return None
    # The host is the participant whose id is the meeting's Zoom host id.
    hosts = {meeting.zoom_host_id, str(obj.get("host_id") or "")} - {""}
    is_host = str(participant.get("id") or "") in hosts
    # Case folded: the same GUID comes upper-case in real traffic, lower-case elsewhere.
    return str(key).lower()[:128], is_host, at
