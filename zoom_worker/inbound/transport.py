"""Zoom's webhook protocol: the signature, the envelope, the endpoint check.

Only HTTP and Zoom concerns live here; what an event changes is `services.webhooks`.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.utils.translation import gettext as _

# Older signed requests are refused, so a captured one cannot be replayed.
MAX_AGE_SECONDS = 5 * 60
URL_VALIDATION = "endpoint.url_validation"
EVENT_MAX_LENGTH = 64


class WebhookNotConfigured(Exception):
    """ZOOM_WEBHOOK_SECRET_TOKEN is unset: nothing can be verified (a 503)."""


class WebhookRejected(Exception):
    """Missing, stale or wrong signature (a 401); the message says which."""


class WebhookMalformed(Exception):
    """Signed, but not a Zoom event envelope (a 400)."""


def _hmac_hex(message: bytes) -> str:
    secret = settings.ZOOM_WEBHOOK_SECRET_TOKEN.encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def webhook_verify(*, body: bytes, timestamp: str | None, signature: str | None) -> None:
    """`x-zm-signature` is v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"))."""
    if not settings.ZOOM_WEBHOOK_SECRET_TOKEN:
        raise WebhookNotConfigured(_("Zoom webhooks are not configured on this server."))
    if not timestamp or not signature:
        raise WebhookRejected(_("The Zoom signature headers are missing."))
    try:
        sent_at = int(timestamp)
    except ValueError as exc:
        raise WebhookRejected(_("The Zoom request timestamp is not a number.")) from exc
    if abs(time.time() - sent_at) > MAX_AGE_SECONDS:
        raise WebhookRejected(_("The Zoom request timestamp is more than 5 minutes from now."))
    expected = "v0=" + _hmac_hex(b"v0:" + timestamp.encode() + b":" + body)
    # Bytes, so a header with non-ASCII characters is simply unequal rather than a TypeError.
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        raise WebhookRejected(_("The Zoom signature does not match."))


def webhook_event(*, envelope) -> str:
    """The event name of a Zoom envelope (a JSON object with a short `event` string)."""
    if not isinstance(envelope, dict):
        raise WebhookMalformed(_("A Zoom event must be a JSON object."))
    event = envelope.get("event")
    if not isinstance(event, str) or not event or len(event) > EVENT_MAX_LENGTH:
        raise WebhookMalformed(_("The Zoom event has no valid 'event' name."))
    return event


def webhook_url_validation(*, envelope: dict) -> dict:
    """Zoom's endpoint check: prove we hold the secret by signing its plain token."""
    payload = envelope.get("payload")
    plain_token = payload.get("plainToken") if isinstance(payload, dict) else None
    if not isinstance(plain_token, str) or not plain_token:
        raise WebhookMalformed(_("The URL validation request has no plainToken."))
    return {"plainToken": plain_token, "encryptedToken": _hmac_hex(plain_token.encode())}
