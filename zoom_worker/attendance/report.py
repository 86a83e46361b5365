"""Zoom's participant report: who was in a meeting, when no participant webhook told us."""

import logging
from dataclasses import dataclass
from datetime import datetime

from zoom_worker.core.connections import zoom_client
from zoom_worker.core.retry import RetryLater
from zoom_worker.meetings.zoom_calls import sync_attempt_recorder
from zoom_worker.models import Meeting, SyncAttempt
from zoom_worker.zoom.errors import ZoomPermanentError, ZoomTransientError
from zoom_worker.zoom.times import zoom_instant

logger = logging.getLogger(__name__)

# Transient failures of the participant report before a meeting settles as unknown anyway: the
# task retries with backoff, and the beat may send it again, but Zoom is asked at most this often.
REPORT_ATTEMPTS_MAX = 5


@dataclass(frozen=True)
class Stay:
    """One stay as recorded (a webhook, or a report row): a leave-only one has no join."""

    participant: str
    is_host: bool
    joined_at: datetime | None
    left_at: datetime | None


def participant_report(meeting: Meeting, *, task_id: str) -> list[Stay] | None:
    """Who Zoom's report lists (never their names or e-mails); None when Zoom has no report or
    refuses it."""
    client = zoom_client(observer=sync_attempt_recorder(meeting.pk, task_id))
    try:
        rows = list(client.list_participants_report(meeting_id=meeting.zoom_meeting_id))
    except ZoomPermanentError as exc:  # a 404 (no report) included
        logger.info("meeting %s: no participant report (%s)", meeting.pk, exc.message)
        return None
    except ZoomTransientError as exc:
        tried = SyncAttempt.objects.filter(meeting=meeting, action="report").count()
        if tried < REPORT_ATTEMPTS_MAX:
            raise RetryLater(retry_after=exc.retry_after) from exc
        logger.warning("meeting %s: participant report failed %s times", meeting.pk, tried)
        return None
    return [stay for row in rows if (stay := _report_stay(row, meeting.zoom_host_id))]


def _report_stay(row, host_id: str) -> Stay | None:
    if not isinstance(row, dict) or row.get("status") == "in_waiting_room":
        return None  # someone kept waiting was never in the meeting
    key = row.get("user_id") or row.get("participant_user_id") or row.get("id")
    joined_at, left_at = zoom_instant(row.get("join_time")), zoom_instant(row.get("leave_time"))
    if not key or joined_at is None:
        return None
    is_host = bool(host_id) and str(row.get("id") or "") == host_id
    return Stay(str(key)[:128], is_host, joined_at, left_at)
