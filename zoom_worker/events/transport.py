"""How an event reaches the platform: signed with HMAC-SHA256, POSTed, the answer read."""

import hashlib
import hmac
import time
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils import timezone

from zoom_worker.core.connections import events_session
from zoom_worker.events.payloads import event_body
from zoom_worker.models import PlatformEvent
from zoom_worker.zoom.times import retry_after_seconds


@dataclass(frozen=True)
class Answer:
    """What one POST got: the status (None: no answer), the Retry-After asked, and why."""

    status: int | None
    retry_after: float | None
    reason: str


def event_signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """v1=hex(HMAC-SHA256(secret, "v1:{timestamp}:{raw body}"))."""
    message = b"v1:" + timestamp.encode() + b":" + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def event_post(event: PlatformEvent) -> Answer:
    """POST the event to LUNOVA_EVENTS_URL once; a timeout or a connection error is an answer
    without a status."""
    body = event_body(event)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Lunova-Event": event.type,
        "X-Lunova-Delivery": str(event.pk),
        "X-Lunova-Timestamp": timestamp,
        "X-Lunova-Signature": event_signature(
            secret=settings.LUNOVA_EVENTS_SECRET, timestamp=timestamp, body=body
        ),
    }
    try:
        response = events_session().post(
            settings.LUNOVA_EVENTS_URL,
            data=body,
            headers=headers,
            timeout=settings.LUNOVA_EVENTS_TIMEOUT,
            allow_redirects=False,
        )
    except requests.Timeout:
        return Answer(None, None, "timeout")
    except requests.RequestException as exc:
        return Answer(None, None, f"connection error: {type(exc).__name__}")
    return Answer(
        response.status_code,
        retry_after_seconds(response.headers.get("Retry-After"), now=timezone.now()),
        response.reason or "",
    )
