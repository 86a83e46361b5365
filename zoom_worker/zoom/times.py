"""Times as Zoom writes them, and how long a Retry-After asks to wait: pure functions.

Zoom and the platform both read an instant as UTC with `Z`; Zoom's webhooks, reports and answers
send one the same way (a time without an offset is read as UTC). Retry-After comes from Zoom and
from the platform's receiver alike, so it is read here once, for the client and the event
delivery.
"""

import email.utils
import math
from datetime import UTC, datetime

# The longest wait a Retry-After may ask for. Zoom's daily cap, the longest it asks for, resets
# within a day; a larger (or absurd) value is cut to this, so no deadline computed from it can
# overflow a datetime.
RETRY_AFTER_MAX = 24 * 3600.0


def zoom_time(moment: datetime) -> str:
    """UTC with Z: never a UTC wall-clock without Z next to a non-UTC timezone."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zoom_instant(value) -> datetime | None:
    """A time as Zoom sends it (UTC, with `Z`; one without an offset is read as UTC); None when
    it is missing or not a time."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def retry_after_seconds(value: str | None, *, now: datetime) -> float | None:
    """Retry-After in seconds, at most RETRY_AFTER_MAX: a number, an ISO-8601 instant (Zoom's
    daily limit) or an HTTP date. None when absent or unreadable (infinity, NaN, text)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        instant = zoom_instant(value) or _http_date(value)
        if instant is None:
            return None
        seconds = (instant - now).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), RETRY_AFTER_MAX)


def _http_date(value: str) -> datetime | None:
    try:
        instant = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)
