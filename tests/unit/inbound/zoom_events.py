"""Zoom's side of a webhook: the envelope it sends and the signature it puts on it."""

import hashlib
import hmac
import json

URL = "/api/v1/zoom/webhooks/"
SECRET = "zoom-webhook-secret-token"


def signature(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def envelope(event: str, meeting_id, *, event_ts: int = 1767225600000, **fields) -> dict:
    """Zoom's envelope for a meeting event; `meeting_id` as Zoom sent it (number or string)."""
    return {
        "event": event,
        "event_ts": event_ts,
        "payload": {
            "account_id": "acc-1",
            "operator": "someone@example.com",
            "object": {"id": meeting_id, "uuid": "uuid-1==", "host_id": "h-1", **fields},
        },
    }


def encoded(body) -> bytes:
    return body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
