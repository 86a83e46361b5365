"""What Zoom's answers mean: the error a non-2xx answer is (its code and message read from a body
that may be JSON, XML or nothing; which of the two 429s; a scope the app lacks), and how a call
ended. HTTP and Zoom only; decided by code and headers wherever Zoom gives them, since its
messages may come in the account's language."""

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

import requests

from zoom_worker.zoom.errors import (
    ZoomConfigError,
    ZoomError,
    ZoomNotFound,
    ZoomPermanentError,
    ZoomRateLimited,
    ZoomScopeMissing,
    ZoomTransientError,
)
from zoom_worker.zoom.limits import seconds_to_utc_midnight
from zoom_worker.zoom.scopes import MISSING_SCOPE_CODE, scope_of
from zoom_worker.zoom.times import retry_after_seconds

ZoomCallOutcome = Literal["ok", "not_found", "transient", "rate_limited", "permanent"]

MEETING_NOT_FOUND_CODE = 3001
NO_RECORDING_CODE = 3301

# Which 404s say "not there" (the caller's goal met, or nothing to read) per action: only a
# meeting path's (1001, no such user, is a real failure), and "no recording" on a recordings call.
_NOT_FOUND_CODES: dict[str, tuple[int | None, ...]] = {
    **dict.fromkeys(("get", "update", "delete", "report"), (None, MEETING_NOT_FOUND_CODE)),
    "recordings": (None, MEETING_NOT_FOUND_CODE, NO_RECORDING_CODE),
}

# Zoom sometimes answers errors in XML: <error><code>124</code><message>...</message></error>.
_XML_CODE = re.compile(r"<code>\s*(\d+)\s*</code>")
_XML_MESSAGE = re.compile(r"<message>(.*?)</message>", re.DOTALL)
# A scope as Zoom names it in a 4711 message, whatever the language around it.
_SCOPE_NAME = re.compile(r"\b[a-z_]+(?::[a-z_]+){2,}\b")
# A Retry-After this far ahead is no per-second pause: it points at the daily reset.
DAILY_RETRY_AFTER_SECONDS = 600


def error_for(
    action: str, response: requests.Response, *, clean: Callable[[str], str], now: datetime
) -> ZoomError | None:
    """What a non-2xx answer means, as the error to raise (None for a 2xx); `clean` takes
    secrets out of the messages, `now` is the instant a Retry-After date is counted from."""
    status = response.status_code
    if 200 <= status < 300:
        return None
    code, detail = _error_details(response)
    detail = detail or response.reason or "no details"
    # A refusal of our credentials is configuration; a token endpoint that is down or
    # rate limited (5xx, 429) is as transient as any other Zoom outage.
    if action == "token" and status < 500 and status != 429:
        return ZoomConfigError(
            clean(f"Zoom refused the OAuth credentials: {detail}"),
            http_status=status,
            code=code,
        )
    message = clean(f"Zoom {action} failed: {detail}")
    if status == 429:
        # `daily` None: nothing in the answer tells; the client decides by the call.
        retry_after = retry_after_seconds(response.headers.get("Retry-After"), now=now)
        daily = is_daily_limit(response.headers.get("X-RateLimit-Type", ""), detail, retry_after)
        if retry_after is None and daily:
            retry_after = seconds_to_utc_midnight(now)
        return ZoomRateLimited(
            message, http_status=status, code=code, retry_after=retry_after, daily=daily
        )
    if code == MISSING_SCOPE_CODE:
        return _scope_error(message, action, detail=detail, status=status)
    if status >= 500:
        return ZoomTransientError(
            message,
            http_status=status,
            code=code,
            retry_after=retry_after_seconds(response.headers.get("Retry-After"), now=now),
        )
    if status == 404 and code in _NOT_FOUND_CODES.get(action, ()):
        return ZoomNotFound(message, http_status=status, code=code)
    return ZoomPermanentError(message, http_status=status, code=code)


def outcome_of(error: ZoomError | None) -> ZoomCallOutcome:
    if error is None:
        return "ok"
    if isinstance(error, ZoomNotFound):
        return "not_found"
    if isinstance(error, ZoomRateLimited):
        return "rate_limited"
    if isinstance(error, ZoomTransientError):
        return "transient"
    return "permanent"


def is_daily_limit(limit_type: str, detail: str, retry_after: float | None) -> bool | None:
    """Whether a 429 is the per-host daily cap rather than the per-second limit; None when
    nothing in the answer tells. Zoom's headers are not reliable (a daily 429 can come with no
    X-RateLimit-Type), so an English message decides when it names one; a translated message
    names neither (both 429s may share one text), and then the type header, or a Retry-After
    far ahead, tells."""
    text = detail.lower()
    if "daily" in text:
        return True
    if "per-second" in text or "per second" in text:
        return False
    if limit_type.lower() in ("daily-limit", "qps"):
        return limit_type.lower() == "daily-limit"
    if retry_after is not None:
        return retry_after >= DAILY_RETRY_AFTER_SECONDS
    return None


def _scope_error(message: str, action: str, *, detail: str, status: int) -> ZoomScopeMissing:
    """A 4711: the scopes Zoom names (in any language the names stay as they are), else the
    one the action needs."""
    named = tuple(dict.fromkeys(_SCOPE_NAME.findall(detail)))
    needed = scope_of(action)
    scopes = named or ((needed.granular,) if needed else ())
    return ZoomScopeMissing(message, http_status=status, code=MISSING_SCOPE_CODE, scopes=scopes)


def _error_details(response: requests.Response) -> tuple[int | None, str]:
    """Zoom's error code and message from a body that may be JSON, XML, anything or nothing."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        code = _int_or_none(body.get("code"))
        # The OAuth endpoint says {"error": ..., "reason": ...} instead of code/message.
        parts = [str(body[key]) for key in ("message", "error", "reason") if body.get(key)]
        errors = body.get("errors")
        for item in errors if isinstance(errors, list) else []:
            if isinstance(item, dict):
                parts.append(f"{item.get('field', '?')}: {item.get('message', '')}")
        return code, "; ".join(parts)
    text = response.text or ""
    code_match = _XML_CODE.search(text)
    message_match = _XML_MESSAGE.search(text)
    code = int(code_match.group(1)) if code_match else None
    return code, message_match.group(1).strip() if message_match else text.strip()[:200]


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
