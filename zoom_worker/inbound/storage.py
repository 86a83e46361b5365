"""A verified webhook stored once, scrubbed of who the participants are, and queued.

The signature and the envelope are `transport`'s; here the delivery is recorded, so Zoom gets its
answer fast, and a worker applies it (`processing`) once however often Zoom delivers it.
"""

import hashlib
import json
import logging
import re

from django.db import transaction
from django.utils.translation import gettext as _

from zoom_worker.core.dispatch import dispatch_now
from zoom_worker.core.task_names import PROCESS_WEBHOOK
from zoom_worker.inbound.kept_fields import kept_envelope
from zoom_worker.models import WebhookDelivery

logger = logging.getLogger(__name__)

_ZOOM_ID = re.compile(r"\d{1,20}")
_BIGINT_MAX = 2**63 - 1

PARTICIPANT_EVENT_PREFIX = "meeting.participant_"
_PARTICIPANT_IDENTITY = (
    "participant_uuid",
    "user_id",
    "id",
    "join_time",
    "leave_time",
    "date_time",
)


def envelope_object(envelope: dict) -> dict:
    """The event's `payload.object`, or {} when the envelope has none."""
    payload = envelope.get("payload")
    obj = payload.get("object") if isinstance(payload, dict) else None
    return obj if isinstance(obj, dict) else {}


def _zoom_meeting_id(obj: dict) -> str:
    """Zoom sends the id as a number or as a string: both become the digits we store."""
    value = obj.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _ZOOM_ID.fullmatch(value.strip()):
        return value.strip()
    return ""


def _event_ts(envelope: dict) -> int | None:
    value = envelope.get("event_ts")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _BIGINT_MAX:
        return value
    return None


def _dedupe_key(*, event: str, event_ts: int | None, obj: dict, envelope: dict) -> str:
    """Zoom's redelivery repeats event, time and meeting (and, for a participant event, the
    participant, since two may join at the same instant); without a time, the whole body."""
    if event_ts is None:
        identity = json.dumps(envelope, sort_keys=True)
    else:
        parts = [event, event_ts, str(obj.get("id")), str(obj.get("uuid"))]
        participant = obj.get("participant")
        if event.startswith(PARTICIPANT_EVENT_PREFIX) and isinstance(participant, dict):
            parts += [str(participant.get(key)) for key in _PARTICIPANT_IDENTITY]
        identity = json.dumps(parts)
    return hashlib.sha256(identity.encode()).hexdigest()


class WebhookNotQueued(Exception):
    """Stored, but the broker did not take its processing (a 503, so that Zoom delivers again)."""


def webhook_receive(*, event: str, envelope: dict) -> WebhookDelivery:
    """Store the delivery (a repeated one is recognised) and queue its processing after commit.

    A delivery not yet processed is queued again when it comes again: if the broker was down the
    first time, Zoom's retry is what brings it back (and the reconciler queues it meanwhile).
    """
    sent: list[bool] = []
    with transaction.atomic():
        delivery = _delivery_store(event=event, envelope=envelope)
        if delivery.processed_at is None:
            transaction.on_commit(
                lambda: sent.append(dispatch_now(PROCESS_WEBHOOK, object_id=delivery.pk))
            )
    if sent == [False]:
        raise WebhookNotQueued(_("The event could not be queued; Zoom will deliver it again."))
    return delivery


def _delivery_store(*, event: str, envelope: dict) -> WebhookDelivery:
    envelope = kept_envelope(event=event, envelope=envelope)
    obj = envelope_object(envelope)
    event_ts = _event_ts(envelope)
    delivery, created = WebhookDelivery.objects.get_or_create(
        dedupe_key=_dedupe_key(event=event, event_ts=event_ts, obj=obj, envelope=envelope),
        defaults={
            "event": event,
            "zoom_meeting_id": _zoom_meeting_id(obj),
            "event_ts": event_ts,
            "payload": envelope,
        },
    )
    if not created:
        logger.info("webhook delivery %s received again", delivery.pk)
    return delivery
