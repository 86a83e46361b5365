"""Zoom's webhook envelopes, shaped as real deliveries are, and their signed delivery.

Real bodies differ from event to event in ways a receiver must survive, so the stand-in copies
them: participant events put `event` last (a receiver that re-serialises the body before checking
its signature fails on them), and the same meeting's `object.id` is a number in some events and
a string in others.
"""

import hashlib
import hmac
import json
import time
from urllib.parse import urlsplit

import requests

# Events whose object.id Zoom sends as a number; every other event sends it as a string.
NUMERIC_ID_EVENTS = frozenset(
    {"meeting.created", "meeting.updated", "meeting.deleted", "recording.completed"}
)
PARTICIPANT_PREFIX = "meeting.participant_"
SEND_TIMEOUT = 10


class PlayError(Exception):
    """A webhook could not be delivered: the message says to whom and why."""


def envelope(event, at, account_id, obj, **beside):
    """The body Zoom sends for `event`, which happened at `at`; `beside` goes next to payload."""
    obj = {**obj, "id": int(obj["id"]) if event in NUMERIC_ID_EVENTS else str(obj["id"])}
    payload = {"account_id": account_id, "object": obj}
    event_ts = int(at.timestamp() * 1000)
    if event.startswith(PARTICIPANT_PREFIX):
        return {"payload": payload, "event_ts": event_ts, "event": event, **beside}
    return {"event": event, "payload": payload, "event_ts": event_ts, **beside}


def signature(secret, timestamp, raw):
    """Zoom's v0 signature: HMAC-SHA256 over `v0:{timestamp}:{raw body bytes}`."""
    message = b"v0:" + timestamp.encode() + b":" + raw
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def send(url, secret, envelopes, session=None):
    """POST each envelope, serialised in its own key order and signed as Zoom signs; returns the
    HTTP status of each. Stops at the first one the service did not take (not a 2xx)."""
    session = session or requests.Session()
    statuses = []
    for body in envelopes:
        raw = json.dumps(body, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "x-zm-request-timestamp": timestamp,
            "x-zm-signature": signature(secret, timestamp, raw),
        }
        try:
            response = session.post(url, data=raw, headers=headers, timeout=SEND_TIMEOUT)
        except requests.RequestException as exc:
            problem = f"{body['event']} not delivered to {url}: {type(exc).__name__}"
            raise PlayError(problem) from exc
        statuses.append(response.status_code)
        if not response.ok:
            answer = f"{response.status_code}: {response.text[:200]}"
            raise PlayError(f"{body['event']} answered {answer}")
    return statuses


def delivery_target(body):
    """The webhook_url and secret of a control request that sends webhooks, or ValueError."""
    url, secret = body.get("webhook_url"), body.get("secret")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("webhook_url must be an absolute http(s) URL")
    if not isinstance(secret, str) or not secret:
        raise ValueError("secret must be the service's webhook secret token")
    return url, secret
