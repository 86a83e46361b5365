"""What the sandbox answers, and Zoom's error answers (OAuth, errors,
rate limits) word for word."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from .meetings import zoom_time


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict | bytes | None = None  # a dict goes out as JSON, bytes as they are
    headers: dict = field(default_factory=dict)
    content_type: str = "application/json;charset=UTF-8"


def zoom_error(status, code, message, **extra):
    return Reply(status, {"code": code, "message": message, **extra})


def oauth_error(status, error, reason):
    return Reply(status, {"error": error, "reason": reason})


def invalid_client():
    return oauth_error(401, "invalid_client", "Invalid client_id or client_secret")


def invalid_token():
    return zoom_error(401, 124, "Invalid access token.")


def validation_failed(message, errors):
    return zoom_error(400, 300, message, errors=errors)


def user_not_found(user):
    return zoom_error(404, 1001, f"User does not exist: {user}")


def cannot_schedule_for(user):
    return zoom_error(400, 3000, f"You cannot schedule a meeting for {user}")


def meeting_not_found(meeting_id):
    return zoom_error(404, 3001, f"Meeting does not exist: {meeting_id}.")


def per_second_limited(category, retry_after="1"):
    headers = {"X-RateLimit-Type": "QPS"}
    if category is not None:
        headers["X-RateLimit-Category"] = category
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    message = "You have reached the maximum per-second rate limit for this API. Try again later."
    return Reply(429, {"code": 429, "message": message}, headers)


def daily_limited(cap, retry_after=None):
    """Zoom's daily cap; `retry_after` (an instant) stands in for the next 00:00 UTC, so a test
    can place the reset where it needs it whatever the hour it runs at."""
    next_midnight = datetime.combine(datetime.now(UTC).date() + timedelta(days=1), time(), UTC)
    message = (
        f"You have exceeded the daily rate limit ({cap}) of Meeting Create/Update API requests "
        "permitted for this particular user. You may resume these requests at GMT 00:00:00."
    )
    headers = {
        "X-RateLimit-Type": "Daily-limit",
        "X-RateLimit-Limit": str(cap),
        "X-RateLimit-Remaining": "0",
        "Retry-After": retry_after or zoom_time(next_midnight),
    }
    return Reply(429, {"code": 429, "message": message}, headers)
