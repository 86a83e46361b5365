"""Every call made to Zoom for a meeting is recorded as a row (SyncAttempt), so retries and
failures can be read afterwards."""

from zoom_worker.models import SyncAttempt
from zoom_worker.zoom.client import CallRecord


def sync_attempt_recorder(meeting_id: int, task_id: str):
    def record(call: CallRecord) -> None:
        SyncAttempt.objects.create(
            meeting_id=meeting_id,
            action=call.action,
            started_at=call.started_at,
            duration_ms=call.duration_ms,
            outcome=call.outcome,
            http_status=call.http_status,
            zoom_code=call.zoom_code,
            message=call.message,
            task_id=task_id,
        )

    return record
