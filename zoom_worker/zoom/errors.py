"""Zoom's failure modes, as the callers need to tell them apart.

Transient: try again later (honour `retry_after`). Permanent: the same request will fail again.
Every message is sanitized on the way in, so no exception ever carries a secret.
"""

from zoom_worker.zoom.sanitize import sanitize


class ZoomError(Exception):
    def __init__(self, message: str, *, http_status: int | None = None, code: int | None = None):
        self.message = sanitize(message)
        self.http_status = http_status
        self.code = code
        # args == (message,): pickling (Celery passes errors between processes) rebuilds from
        # the message and restores the keyword attributes from __dict__.
        super().__init__(self.message)

    def __str__(self) -> str:
        details = []
        if self.http_status is not None:
            details.append(f"HTTP {self.http_status}")
        if self.code is not None:
            details.append(f"Zoom code {self.code}")
        return f"{self.message} ({', '.join(details)})" if details else self.message


class ZoomTransientError(ZoomError):
    """Timeouts, connection errors, 5xx: the request may succeed later."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        code: int | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message, http_status=http_status, code=code)
        self.retry_after = retry_after


class ZoomCacheUnavailable(ZoomTransientError):
    """The shared token cache or rate limiter (Redis) is out of reach: as transient as a 503."""


class ZoomRateLimited(ZoomTransientError):
    """A 429 from Zoom, or our own fleet-wide limiter refusing (then `http_status` is None).

    `daily` means the per-host create/update cap: nothing for that host before 00:00 UTC (None
    only inside the client, until it has decided).
    """

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        code: int | None = None,
        retry_after: float | None = None,
        daily: bool | None = False,
    ):
        super().__init__(message, http_status=http_status, code=code, retry_after=retry_after)
        self.daily = daily


class ZoomPermanentError(ZoomError):
    """A 4xx other than 429: repeating the same request will not help."""


class ZoomNotFound(ZoomPermanentError):
    """The meeting does not exist (any more). On delete, the caller's goal is already met."""


class ZoomScopeMissing(ZoomPermanentError):
    """Zoom's 400 code 4711: the app's scopes do not cover the call. A tick box in the app's
    Marketplace page, never fixed by trying again. `scopes`: the granular scopes it lacks."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        code: int | None = None,
        scopes: tuple[str, ...] = (),
    ):
        super().__init__(message, http_status=http_status, code=code)
        self.scopes = scopes


class ZoomConfigError(ZoomPermanentError):
    """The OAuth token endpoint refused our credentials: fix the configuration."""
