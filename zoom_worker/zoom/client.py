"""Zoom REST API v2 client: HTTP, Zoom's error model and Zoom's limits, nothing about appointments.

It never retries on its own, except once after Zoom rejects an expired token: create has no
idempotency key, so retrying is the caller's decision (it knows how to find a meeting it made).
"""

import copy
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote, urlsplit

import requests
from redis.exceptions import RedisError

from zoom_worker.zoom.answers import ZoomCallOutcome, error_for, outcome_of
from zoom_worker.zoom.errors import (
    ZoomCacheUnavailable,
    ZoomError,
    ZoomPermanentError,
    ZoomRateLimited,
    ZoomTransientError,
)
from zoom_worker.zoom.limits import Category, ZoomLimiter, seconds_to_utc_midnight
from zoom_worker.zoom.sanitize import sanitize
from zoom_worker.zoom.tokens import TokenCache

logger = logging.getLogger(__name__)

Action = Literal[
    "token", "create", "get", "update", "delete", "list", "report", "user", "recordings"
]

PAGE_SIZE = 300
_JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}


@dataclass(frozen=True)
class CallRecord:
    """One HTTP attempt, for an observer (metrics, audit). Nothing in it is secret."""

    action: Action
    method: str
    path: str
    started_at: datetime
    duration_ms: int
    outcome: ZoomCallOutcome
    http_status: int | None
    zoom_code: int | None
    message: str


Observer = Callable[[CallRecord], None]


class ZoomClient:
    def __init__(
        self,
        *,
        api_base_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        account_id: str,
        token_cache: TokenCache,
        limiter: ZoomLimiter | None = None,
        timeout: float | tuple[float, float] = (3.05, 10.0),
        session: requests.Session | None = None,
        observer: Observer | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self._api_base_url = api_base_url.rstrip("/")
        self._token_url = token_url
        self._client_id = client_id
        self._client_secret = client_secret
        self._account_id = account_id
        self._token_cache = token_cache
        self._limiter = limiter
        self._timeout = timeout
        # One session per process: its connection pool keeps TLS connections to Zoom alive.
        self._session = session or requests.Session()
        self._observer = observer
        self._clock = clock

    def with_observer(self, observer: Observer | None) -> "ZoomClient":
        """A copy sharing session, token cache and limiter, reporting to `observer`."""
        clone = copy.copy(self)
        clone._observer = observer
        return clone

    def create_meeting(self, *, host: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._call(
            "create",
            "POST",
            f"/users/{_segment(host)}/meetings",
            category="medium",
            daily_host=host,
            body=body,
        )

    def get_meeting(self, *, meeting_id: str) -> dict[str, Any]:
        return self._call("get", "GET", f"/meetings/{_segment(meeting_id)}", category="light")

    def update_meeting(self, *, meeting_id: str, host: str, body: dict[str, Any]) -> None:
        """PATCH the meeting (Zoom answers 204 with no body). `host` is whose daily cap it uses."""
        self._call(
            "update",
            "PATCH",
            f"/meetings/{_segment(meeting_id)}",
            category="light",
            daily_host=host,
            body=body,
            expect_json=False,
        )

    def delete_meeting(self, *, meeting_id: str) -> None:
        """DELETE the meeting. ZoomNotFound means it was already gone: the caller's goal is met."""
        self._call(
            "delete",
            "DELETE",
            f"/meetings/{_segment(meeting_id)}",
            category="light",
            expect_json=False,
        )

    def delete_recordings(self, *, meeting: str, action: Literal["trash", "delete"]) -> None:
        """Remove every cloud recording of the meeting (its id, or one instance's uuid).
        ZoomNotFound (code 3301) when it has none: the caller's goal is met."""
        self._call(
            "recordings",
            "DELETE",
            f"/meetings/{_instance_segment(meeting)}/recordings",
            category="light",
            params={"action": action},
            expect_json=False,
        )

    def get_user(self, *, user_id: str) -> dict[str, Any]:
        """The Zoom user (`type` 1 = Basic, 2 = Licensed; `status`); 404 code 1001 if unknown."""
        return self._call("user", "GET", f"/users/{_segment(user_id)}", category="light")

    def list_meetings(self, *, host: str, type: str = "upcoming") -> Iterator[dict[str, Any]]:
        """Every meeting of `host` of that list type, page by page (one medium request each)."""
        return self._pages("list", f"/users/{_segment(host)}/meetings", "meetings", {"type": type})

    def list_users(self, *, status: str = "active") -> Iterator[dict[str, Any]]:
        """Every user of the account with that status, page by page (one medium request each)."""
        return self._pages("user", "/users", "users", {"status": status})

    def list_participants_report(self, *, meeting_id: str) -> Iterator[dict[str, Any]]:
        """Who was in the meeting's latest instance and when, page by page. ZoomNotFound (code
        3001) when Zoom has no report. Zoom counts it Heavy; the limiter has no heavy plan, so it
        is paced as medium."""
        path = f"/report/meetings/{_segment(meeting_id)}/participants"
        return self._pages("report", path, "participants", {})

    def _pages(
        self, action: Action, path: str, key: str, params: dict[str, Any]
    ) -> Iterator[dict[str, Any]]:
        """Every item under `key`, following next_page_token (one medium request a page)."""
        params = {**params, "page_size": PAGE_SIZE}
        while True:
            page = self._call(action, "GET", path, category="medium", params=params)
            yield from page.get(key) or []
            next_page_token = page.get("next_page_token")
            if not next_page_token:
                return
            params = {**params, "next_page_token": next_page_token}

    def _call(self, action: Action, method: str, path: str, **kwargs: Any) -> Any:
        """One logical call; the shared token cache and limiter failing is a transient error of
        this client's own, so callers need to know nothing of Redis."""
        try:
            return self._call_zoom(action, method, path, **kwargs)
        except RedisError as exc:
            raise ZoomCacheUnavailable(
                f"Zoom {action} not sent: the shared token cache or rate limiter is unreachable"
                f" ({type(exc).__name__})"
            ) from exc

    def _call_zoom(
        self,
        action: Action,
        method: str,
        path: str,
        *,
        category: Category,
        daily_host: str | None = None,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        expect_json: bool = True,
    ) -> Any:
        # Bytes, not `json=`: Turkish letters go over the wire as UTF-8, not \u escapes.
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")

        def attempt(token: str, *, count_daily: bool) -> Any:
            if self._limiter:
                # Counted once per logical call: the retry after a refused token is the same
                # request.
                self._limiter.acquire(category, daily_host=daily_host if count_daily else None)
            result = self._attempt(
                action,
                method,
                self._api_base_url + path,
                path=path,
                headers={**_JSON_HEADERS, "Authorization": f"Bearer {token}"},
                params=params,
                data=data,
                expect_json=expect_json,
            )
            if self._limiter:
                self._limiter.succeeded(category)
            return result

        token = self._token_cache.get(self._fetch_token)
        try:
            try:
                return attempt(token, count_daily=True)
            except ZoomPermanentError as exc:
                if not _is_expired_token(exc):
                    raise
            # Zoom refused the token (expired, or replaced): renew it once and retry once.
            # A second refusal is not retried: it would only raise Zoom's error ratio.
            self._token_cache.invalidate(token)
            return attempt(self._token_cache.get(self._fetch_token), count_daily=False)
        except ZoomRateLimited as exc:
            if exc.daily is None:
                # Neither message nor headers told: only the daily 429 is known to come bare,
                # and only a call the daily cap counts can meet it.
                exc.daily = daily_host is not None
                if exc.daily and exc.retry_after is None:
                    exc.retry_after = seconds_to_utc_midnight(self._now())
            if exc.http_status is not None and self._limiter and not exc.daily:
                self._limiter.rate_limited(category)
            if exc.http_status is not None and daily_host and self._limiter:
                if exc.daily:
                    self._limiter.mark_daily_exhausted(daily_host)
                else:
                    # A per-second 429 must not use up the host's day: the retry counts it.
                    self._limiter.refund_daily(daily_host)
            raise

    def granted_scopes(self) -> str:
        """The `scope` Zoom grants a new token of this app (space-separated). A token of its
        own, never the fleet's cached one: that says nothing of scopes changed since."""
        return str(self._token_answer().get("scope") or "")

    def _fetch_token(self) -> tuple[str, int]:
        payload = self._token_answer()
        try:
            return str(payload["access_token"]), int(payload.get("expires_in", 3600))
        except (KeyError, TypeError, ValueError) as exc:
            raise ZoomTransientError(
                "Zoom token endpoint answered without a usable access_token"
            ) from exc

    def _token_answer(self) -> dict[str, Any]:
        return self._attempt(
            "token",
            "POST",
            self._token_url,
            path=urlsplit(self._token_url).path,
            auth=(self._client_id, self._client_secret),
            data={"grant_type": "account_credentials", "account_id": self._account_id},
            expect_json=True,
        )

    def _attempt(
        self,
        action: Action,
        method: str,
        url: str,
        *,
        path: str,
        expect_json: bool,
        **request_kwargs: Any,
    ) -> Any:
        """One HTTP exchange: the parsed JSON body (or None), or a ZoomError. Always reported."""
        started_at = datetime.fromtimestamp(self._clock(), UTC)
        started = time.monotonic()
        response: requests.Response | None = None
        error: ZoomError | None = None
        payload: Any = None
        try:
            response = self._session.request(method, url, timeout=self._timeout, **request_kwargs)
        except (
            requests.Timeout,
            requests.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
        ) as exc:
            error = ZoomTransientError(
                self._clean(f"Zoom {action} request failed: {type(exc).__name__}: {exc}")
            )
        except requests.RequestException as exc:
            error = ZoomPermanentError(
                self._clean(f"Zoom {action} request could not be sent: {type(exc).__name__}: {exc}")
            )
        else:
            error = error_for(action, response, clean=self._clean, now=self._now())
            if error is None and expect_json:
                payload, error = self._parse_success(action, response)
        duration_ms = int((time.monotonic() - started) * 1000)
        self._report(
            CallRecord(
                action=action,
                method=method,
                path=path,
                started_at=started_at,
                duration_ms=duration_ms,
                outcome=outcome_of(error),
                http_status=response.status_code if response is not None else None,
                zoom_code=error.code if error else None,
                message=error.message if error else "",
            )
        )
        if error:
            raise error
        return payload

    def _parse_success(
        self, action: Action, response: requests.Response
    ) -> tuple[Any, ZoomError | None]:
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            # A 2xx without the JSON Zoom promises (a proxy's page, a cut answer): try again.
            return None, ZoomTransientError(
                f"Zoom {action} answered {response.status_code} without a JSON object",
                http_status=response.status_code,
            )
        return payload, None

    def _report(self, record: CallRecord) -> None:
        log = logger.info if record.outcome == "ok" else logger.warning
        log(
            "zoom %s %s status=%s code=%s outcome=%s duration_ms=%d %s",
            record.action,
            record.method,
            record.http_status,
            record.zoom_code,
            record.outcome,
            record.duration_ms,
            record.message,
        )
        if self._observer is None:
            return
        try:
            self._observer(record)
        except Exception:
            # Metrics or audit trouble must never fail or repeat a Zoom call.
            logger.exception("zoom call observer failed")

    def _clean(self, text: str) -> str:
        return sanitize(text, secrets=(self._client_secret,))

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)


def _segment(value: str) -> str:
    # A path segment: an e-mail's "@" may stay, "/" or "?" must not reshape the URL.
    return quote(str(value), safe="@")


def _instance_segment(meeting: str) -> str:
    """A meeting id, or an instance's uuid: Zoom wants a uuid that starts with "/" or holds "//"
    encoded twice (once would reach it as a path of several segments)."""
    value = str(meeting)
    if value.startswith("/") or "//" in value:
        value = quote(value, safe="")
    return quote(value, safe="")


def _is_expired_token(error: ZoomPermanentError) -> bool:
    # Any 401, whatever its code or body: Zoom's codes for a refused token vary (124, others, an
    # HTML page from its edge), and renewing once costs one token request.
    return error.http_status == 401
