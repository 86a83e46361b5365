"""The beat's scan: meetings past their end that Zoom never said had ended, each sent to be
settled."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from zoom_worker.attendance.selectors import meetings_due_for_attendance
from zoom_worker.core.dispatch import dispatch_batch
from zoom_worker.core.task_names import SETTLE_ATTENDANCE

logger = logging.getLogger(__name__)

# Meetings whose scheduled end lies further back are left alone: Zoom no longer has their
# report, and a first deployment must not settle (and announce) the whole history.
SETTLE_LOOKBACK = timedelta(days=7)


def attendances_settle_due() -> int:
    """Send a settle for every meeting past its scheduled end by LUNOVA_ATTENDANCE_SETTLE_MINUTES
    that Zoom never reported ended (one query), each to a worker of its own."""
    now = timezone.now()
    due = meetings_due_for_attendance(
        ended_before=now - timedelta(minutes=settings.LUNOVA_ATTENDANCE_SETTLE_MINUTES),
        ended_after=now - SETTLE_LOOKBACK,
    )
    sent = len(
        dispatch_batch(
            SETTLE_ATTENDANCE, [(meeting_id, {"meeting_id": meeting_id}) for meeting_id in due]
        )
    )
    if sent:
        logger.info("attendance: %s meetings due for settling", sent)
    return sent
