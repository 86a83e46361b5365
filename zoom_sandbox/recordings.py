"""A meeting's cloud recording, as Zoom's `recording.completed` webhook describes it.

Its links, passcodes and download token are secrets in Zoom's: the stand-in makes fresh random
ones, so a service that logs or stores them has something to be caught with.
"""

import secrets
import uuid
from datetime import timedelta

from .meetings import parse_zoom_time, zoom_time
from .webhooks import envelope

# (recording_type, file_type, file_extension, bytes per minute): a video and its audio, the two
# files a plain cloud recording makes.
FILES = (
    ("shared_screen_with_speaker_view", "MP4", "MP4", 9_000_000),
    ("audio_only", "M4A", "M4A", 480_000),
)


def recording_of(meeting, account_id, minutes=None):
    """The recording object of a meeting held from its start_time for `minutes` (its duration
    by default)."""
    minutes = meeting["duration"] if minutes is None else minutes
    start = parse_zoom_time(meeting["start_time"])
    end = start + timedelta(minutes=minutes)
    files = [_file(meeting, start, end, minutes, *kind) for kind in FILES]
    return {
        "uuid": meeting["uuid"],
        "id": meeting["id"],
        "account_id": account_id,
        "host_id": meeting["host_id"],
        "topic": meeting["topic"],
        "type": meeting["type"],
        "start_time": zoom_time(start),
        "timezone": meeting["timezone"],
        "host_email": meeting["host_email"],
        "duration": minutes,
        "total_size": sum(file["file_size"] for file in files),
        "recording_count": len(files),
        "share_url": f"https://zoom.us/rec/share/{secrets.token_urlsafe(48)}",
        "recording_files": files,
        "password": secrets.token_urlsafe(6)[:8],
        "recording_play_passcode": secrets.token_urlsafe(24),
    }


def completed(recording):
    """The recording.completed envelope, sent as the recording ends: the recording as
    `payload.object`, and beside the payload the token its files are downloaded with."""
    return envelope(
        "recording.completed",
        parse_zoom_time(recording["recording_files"][0]["recording_end"]),
        recording["account_id"],
        recording,
        download_token=secrets.token_urlsafe(96),
    )


def _file(meeting, start, end, minutes, recording_type, file_type, extension, per_minute):
    path = secrets.token_urlsafe(40)
    return {
        "id": str(uuid.uuid4()),
        "meeting_id": meeting["uuid"],
        "recording_start": zoom_time(start),
        "recording_end": zoom_time(end),
        "file_type": file_type,
        "file_extension": extension,
        "file_size": per_minute * minutes,
        "play_url": f"https://zoom.us/rec/play/{path}",
        "download_url": f"https://zoom.us/rec/webhook_download/{path}",
        "status": "completed",
        "recording_type": recording_type,
    }
