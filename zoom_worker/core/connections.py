"""The process's shared connections: one Redis pool, one Zoom HTTP session and one for the
platform's events, built from settings.

Built lazily and kept per process, so a Celery prefork child or a gunicorn worker opens its own
after the fork and then reuses it for every call.
"""

import logging
from collections.abc import Callable, Iterable
from functools import cache

import redis
import requests
from django.conf import settings

from zoom_worker.observability.metrics import zoom_call_observed
from zoom_worker.zoom.client import CallRecord, ZoomClient
from zoom_worker.zoom.limits import ZoomLimiter
from zoom_worker.zoom.tokens import TokenCache

logger = logging.getLogger(__name__)

# The fleet books 90% of Zoom's per-second limits: Zoom counts in windows whose edges we cannot
# see, and requests that leave evenly spaced can arrive bunched; the margin keeps us under.
RATE_HEADROOM = 0.9


@cache
def redis_connection() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=10)


@cache
def zoom_limiter() -> ZoomLimiter:
    """The fleet's Zoom limits, also read on their own (the pool's requests left per host)."""
    return ZoomLimiter(
        redis_connection(),
        medium_per_second=settings.ZOOM_RATE_MEDIUM * RATE_HEADROOM,
        light_per_second=settings.ZOOM_RATE_LIGHT * RATE_HEADROOM,
        daily_cap=settings.ZOOM_DAILY_CAP,
    )


def zoom_requests_today(users: Iterable[str]) -> dict[str, int] | None:
    """Each Zoom user's create/update requests today (UTC), as the fleet's limiter counted them
    in Redis (one MGET); None while Redis does not answer, so a booking or a page goes on
    without the figures instead of failing."""
    try:
        return zoom_limiter().daily_used(users)
    except redis.RedisError:
        logger.warning("today's Zoom request counts unreadable: Redis does not answer")
        return None


@cache
def _base_zoom_client() -> ZoomClient:
    connection = redis_connection()
    return ZoomClient(
        api_base_url=settings.ZOOM_API_BASE_URL,
        token_url=settings.ZOOM_OAUTH_TOKEN_URL,
        client_id=settings.ZOOM_CLIENT_ID,
        client_secret=settings.ZOOM_CLIENT_SECRET,
        account_id=settings.ZOOM_ACCOUNT_ID,
        token_cache=TokenCache(connection),
        limiter=zoom_limiter(),
        timeout=settings.ZOOM_HTTP_TIMEOUT,
        session=requests.Session(),
    )


@cache
def events_session() -> requests.Session:
    """The platform's events leave on a kept session: a new one per delivery (a new connection
    pool, a new TCP connection) cost more CPU than the rest of the delivery."""
    return requests.Session()


def zoom_client(*, observer: Callable[[CallRecord], None] | None = None) -> ZoomClient:
    """The shared client; every call it makes is counted in the metrics, then told `observer`."""
    if observer is None:
        return _base_zoom_client().with_observer(zoom_call_observed)

    def both(call: CallRecord) -> None:
        zoom_call_observed(call)
        observer(call)

    return _base_zoom_client().with_observer(both)


def reset_connections() -> None:
    """Forget the cached connections (tests that change settings call this)."""
    redis_connection.cache_clear()
    zoom_limiter.cache_clear()
    _base_zoom_client.cache_clear()
    events_session.cache_clear()
