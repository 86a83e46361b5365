"""Which failed deliveries are tried again, and when.

Timeouts, connection errors, 408, 429 (its Retry-After honoured) and 5xx are retried with
capped, jittered backoff for LUNOVA_EVENTS_RETRY_HOURS; any other answer fails the event at once.
"""

from datetime import datetime, timedelta

from django.conf import settings

from zoom_worker.core.retry import backoff_seconds
from zoom_worker.models import PlatformEvent

RETRYABLE_STATUSES = {408, 429}


def retryable(status: int | None) -> bool:
    return status is None or status in RETRYABLE_STATUSES or status >= 500


def retry_wait(
    event: PlatformEvent, *, status: int | None, retry_after: float | None, now: datetime
) -> float | None:
    """Seconds before the next attempt at an event not delivered; None: it has failed for good.
    `event.attempts` counts the attempt just made."""
    if not retryable(status) or now - event.created_at >= timedelta(
        hours=settings.LUNOVA_EVENTS_RETRY_HOURS
    ):
        return None
    return backoff_seconds(
        retries=event.attempts - 1,
        retry_after=retry_after,
        cap=settings.LUNOVA_EVENTS_BACKOFF_MAX,
    )


def left_to_reconciler(wait: float) -> bool:
    """A Retry-After beyond the cap: the reconciler sends it once due, rather than a message
    held that long by the broker (which may hand it out again early)."""
    return wait > settings.LUNOVA_EVENTS_BACKOFF_MAX
