"""What the sandbox answers, and Zoom's error answers (OAuth, errors, rate limits) word for word."""

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta

from .meetings import zoom_time
from .messages import message


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict | bytes | None = None  # a dict goes out as JSON, bytes as they are
    headers: dict = field(default_factory=dict)
    content_type: str = "application/json;charset=UTF-8"
    # A Zoom error's message as (key, parameters), so it can be said in another language.
    message: tuple | None = None

    def in_language(self, language):
        """The reply with its Zoom error message in `language` (other replies as they are)."""
        if self.message is None or not isinstance(self.body, dict):
            return self
        key, params = self.message
        return replace(self, body={**self.body, "message": message(language, key, params)})


def zoom_error(status, code, key, *, headers=None, errors=None, **params):
    """Zoom's error body: its code and the message called `key`, said in English."""
    body = {"code": code, "message": message("en", key, params)}
    if errors is not None:
        body["errors"] = errors
    return Reply(status, body, headers or {}, message=(key, params))


def oauth_error(status, error, reason):
    return Reply(status, {"error": error, "reason": reason})


def invalid_client():
    return oauth_error(401, "invalid_client", "Invalid client_id or client_secret")


def invalid_token():
    return zoom_error(401, 124, "invalid_token")


def missing_scope(scope):
    # Not a 401 or 403: Zoom says 400, and a client must take it as a lasting set-up fault.
    return zoom_error(400, 4711, "missing_scopes", scopes=scope)


def validation_failed(errors, key="validation_failed"):
    return zoom_error(400, 300, key, errors=errors)


def user_not_found(user):
    return zoom_error(404, 1001, "user_not_found", user=user)


def cannot_schedule_for(user):
    return zoom_error(400, 3000, "cannot_schedule_for", user=user)


def meeting_not_found(meeting_id):
    return zoom_error(404, 3001, "meeting_not_found", meeting_id=meeting_id)


def no_recording():
    return zoom_error(404, 3301, "no_recording")


def per_second_limited(category, retry_after="1"):
    headers = {"X-RateLimit-Type": "QPS"}
    if category is not None:
        headers["X-RateLimit-Category"] = category
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return zoom_error(429, 429, "per_second", headers=headers)


def daily_limited(cap, retry_after=None, category=None, bare=False):
    """Zoom's daily cap; `retry_after` (an instant) stands in for the next 00:00 UTC, so a test
    can place the reset where it needs it whatever the hour it runs at. `bare`: as Zoom sometimes
    answers it, with the category alone (no type, limit or Retry-After)."""
    headers = {"X-RateLimit-Category": category} if category else {}
    if not bare:
        next_midnight = datetime.combine(datetime.now(UTC).date() + timedelta(days=1), time(), UTC)
        headers |= {
            "X-RateLimit-Type": "Daily-limit",
            "X-RateLimit-Limit": str(cap),
            "X-RateLimit-Remaining": "0",
            "Retry-After": retry_after or zoom_time(next_midnight),
        }
    return zoom_error(429, 429, "daily", headers=headers, cap=cap)
