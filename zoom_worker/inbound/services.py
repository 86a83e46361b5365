"""What Zoom's webhooks change: a verified event is stored once, then processed by a worker.

The signature and the envelope are `api.webhook_transport`'s; here the delivery is recorded, so
Zoom gets its answer fast, and `webhook_process` applies it once however often Zoom delivers it.
"""

import hashlib
import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.appointments.services import appointment_mark_started
from zoom_worker.attendance.services import paired_stays, zoom_instant
from zoom_worker.core.dispatch import (
    PROCESS_WEBHOOK,
    SETTLE_ATTENDANCE,
    dispatch_now,
    dispatch_on_commit,
)
from zoom_worker.events.services import platform_event_record
from zoom_worker.inbound.kept_fields import kept_envelope
from zoom_worker.inbound.recordings import on_recording_completed
from zoom_worker.meetings.payloads import SYNCED_FIELDS, zoom_time
from zoom_worker.meetings.services import meeting_mark_for_recreation, meeting_note_zoom_change
from zoom_worker.models import (
    Appointment,
    Attendance,
    Meeting,
    ParticipantInterval,
    PlatformEvent,
    WebhookDelivery,
)

logger = logging.getLogger(__name__)

_ZOOM_ID = re.compile(r"\d{1,20}")
_BIGINT_MAX = 2**63 - 1


def _object(envelope: dict) -> dict:
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


PARTICIPANT_EVENT_PREFIX = "meeting.participant_"
_PARTICIPANT_IDENTITY = ("participant_uuid", "user_id", "id", "join_time", "leave_time")


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
    envelope = kept_envelope(event=event, envelope=envelope, handled=HANDLED_EVENTS)
    obj = _object(envelope)
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


# Zoom's own retries end about an hour and a half after the first try; a day covers any outage
# the reconciler outlives, without re-queueing forever a delivery whose processing keeps failing.
REQUEUE_WITHIN = timedelta(days=1)
# At most this many a pass (the reconciler runs every minute): a pass costs the same however
# many deliveries wait, and the rest go on the next pass.
REQUEUE_BATCH = 500


def webhook_deliveries_requeue() -> int:
    """Queue again the stored deliveries that were never processed (a broker that lost its
    queue after Zoom got its 200): stored is not lost."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.LUNOVA_RECONCILE_STALE_AFTER)
    waiting = (
        WebhookDelivery.objects.unprocessed()
        .filter(received_at__lte=stale, received_at__gte=now - REQUEUE_WITHIN)
        .order_by("received_at")
        .values_list("pk", flat=True)[:REQUEUE_BATCH]
    )
    queued = 0
    for delivery_id in list(waiting):
        if not dispatch_now(PROCESS_WEBHOOK, object_id=delivery_id):
            break  # the broker is down: the next run tries again
        queued += 1
    if queued:
        logger.info("reconciler queued %s webhook deliveries again", queued)
    return queued


@transaction.atomic
def webhook_process(*, delivery_id: int) -> str:
    """Apply one delivery; a delivery already processed is left as it is. An ignored one says
    why in its `reason`."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    if delivery.processed_at is not None:
        return delivery.outcome
    handler = _HANDLERS.get(delivery.event)
    meeting = (
        Meeting.objects.filter(zoom_meeting_id=delivery.zoom_meeting_id).first()
        if handler and delivery.zoom_meeting_id
        else None
    )
    if handler is None:
        reason = _("Not an event this service acts on.")
    elif meeting is None:
        reason = _("No meeting of this service has this Zoom id.")
    else:
        reason = handler(meeting, delivery)
    delivery.outcome = (
        WebhookDelivery.Outcome.IGNORED if reason else WebhookDelivery.Outcome.APPLIED
    )
    delivery.reason = (reason or "")[:200]
    delivery.processed_at = timezone.now()
    delivery.save(update_fields=["outcome", "reason", "processed_at"])
    logger.info(
        "webhook delivery %s (%s) %s for meeting %s",
        delivery.pk,
        delivery.event,
        delivery.outcome,
        meeting.pk if meeting else "-",
    )
    return delivery.outcome


# Each handler applies one event to its meeting and returns None, or why it changed nothing.
Handler = Callable[[Meeting, WebhookDelivery], str | None]


def _appointment_of(meeting: Meeting) -> Appointment | None:
    return Appointment.objects.filter(meeting=meeting).first()


def _by_our_own_app(delivery: WebhookDelivery) -> bool:
    """Whether Zoom names this service as who made the change (an echo of our own call).

    A Server-to-Server OAuth app acts as one user of the account (the one Zoom shows as the
    `operator` of every change the app makes), so ZOOM_API_OPERATOR names that user by e-mail or
    Zoom user id. The meeting's host is no test: an expert deleting their meeting in Zoom's
    portal is the host too, and that deletion is news.
    """
    ours = settings.ZOOM_API_OPERATOR
    payload = delivery.payload.get("payload") if isinstance(delivery.payload, dict) else None
    if not ours or not isinstance(payload, dict):
        return False
    named = {str(payload.get(key) or "").strip().lower() for key in ("operator", "operator_id")}
    return bool(named & ours)


def _echo() -> str:
    return _("An echo of a change this service made itself.")


def _on_deleted(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    """Deleted in Zoom while Lunova still wants it: make it again. Our own deletion (Zoom names
    our app, or the row no longer wants the meeting) and a meeting whose time is over change
    nothing."""
    if _by_our_own_app(delivery):
        return _echo()
    if meeting.wanted == Meeting.Wanted.GONE:
        return _("This service wants the meeting gone already.")
    appointment = _appointment_of(meeting)
    if appointment is not None and appointment.status in Appointment.ENDED_STATUSES:
        return _("The appointment is over.")
    ended = WebhookDelivery.objects.meeting_ended(zoom_meeting_id=delivery.zoom_meeting_id)
    if meeting.ends_at <= timezone.now() or ended.exists():
        return _("The meeting's time is over.")
    if not meeting_mark_for_recreation(meeting=meeting, zoom_meeting_id=delivery.zoom_meeting_id):
        return _("Already handled.")
    return None


def _on_started(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    appointment = _appointment_of(meeting)
    if appointment is None or not appointment_mark_started(appointment=appointment):
        return _("The appointment has started already, or is over.")
    platform_event_record(meeting=meeting, type=PlatformEvent.Type.APPOINTMENT_STARTED, data={})
    return None


def _on_ended(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    """The meeting ended: its attendance is settled by a worker (settling may ask Zoom for the
    participant report, a call no transaction may wait on), which also closes the appointment."""
    appointment = _appointment_of(meeting)
    if appointment is None or appointment.status == Appointment.Status.CANCELLED:
        return _("The meeting has no appointment that could take place.")
    if Attendance.objects.filter(meeting=meeting).exists():
        return _("The attendance is settled already.")
    dispatch_on_commit(SETTLE_ATTENDANCE, object_id=meeting.pk, meeting_id=meeting.pk)
    return None


def _on_updated(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    if _by_our_own_app(delivery):
        # Acting on it could only undo a later change of ours (the echo of an earlier PATCH).
        return _echo()
    held = _held_fields(_object(delivery.payload))
    if not held or not meeting_note_zoom_change(
        meeting=meeting, zoom_meeting_id=delivery.zoom_meeting_id, held=held
    ):
        return _("Zoom holds this service's values already.")
    return None


def _held_fields(obj: dict) -> dict:
    """The synced fields the event reports, in the form the worker compares (UTC with Z)."""
    held = {key: obj[key] for key in SYNCED_FIELDS if key in obj}
    if "start_time" in held:
        try:
            start = datetime.fromisoformat(held["start_time"])
        except (TypeError, ValueError):
            del held["start_time"]
        else:
            # Zoom reports UTC; a time without an offset is read as such.
            held["start_time"] = zoom_time(start if start.tzinfo else start.replace(tzinfo=UTC))
    return held


def _participant(
    meeting: Meeting, delivery: WebhookDelivery, time_key: str
) -> tuple[str, bool, datetime] | None:
    """Who (Zoom's per-meeting key, never a name), whether the host, and when; None if malformed."""
    obj = _object(delivery.payload)
    participant = obj.get("participant")
    if not isinstance(participant, dict):
        return None
    key = participant.get("user_id") or participant.get("participant_uuid")
    at = zoom_instant(participant.get(time_key))
    if at is None or not key or not isinstance(key, str | int):
        return None
    # The host is the participant whose id is the meeting's Zoom host id.
    hosts = {meeting.zoom_host_id, str(obj.get("host_id") or "")} - {""}
    is_host = str(participant.get("id") or "") in hosts
    return str(key)[:128], is_host, at


def _malformed() -> str:
    return _("The participant object has no participant id or no valid time.")


def _on_participant_joined(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    return _participant_instant(meeting, delivery, "join_time")


def _on_participant_left(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    return _participant_instant(meeting, delivery, "leave_time")


def _participant_instant(meeting: Meeting, delivery: WebhookDelivery, time_key: str) -> str | None:
    """Add one join or leave instant to the participant's, and pair them all again into stays.

    The stays are a function of the set of instants, so a repeated delivery (the same instant)
    changes nothing and any delivery order ends in the same rows.
    """
    found = _participant(meeting, delivery, time_key)
    if found is None:
        return _malformed()
    key, is_host, at = found
    # One participant's rows are rewritten at a time: deliveries for the meeting queue here.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    rows = list(ParticipantInterval.objects.filter(meeting=meeting, participant=key))
    joins = {row.joined_at for row in rows if row.joined_at is not None}
    leaves = {row.left_at for row in rows if row.left_at is not None}
    instants = joins if time_key == "join_time" else leaves
    if at in instants:
        return _("This join or leave is recorded already.")
    instants.add(at)
    is_host = is_host or any(row.is_host for row in rows)
    ParticipantInterval.objects.filter(meeting=meeting, participant=key).delete()
    ParticipantInterval.objects.bulk_create(
        ParticipantInterval(
            meeting=meeting, participant=key, is_host=is_host, joined_at=joined, left_at=left
        )
        for joined, left in paired_stays(joins=joins, leaves=leaves)
    )
    return None


_HANDLERS: dict[str, Handler] = {
    "meeting.participant_joined": _on_participant_joined,
    "meeting.participant_left": _on_participant_left,
    "meeting.deleted": _on_deleted,
    "meeting.started": _on_started,
    "meeting.ended": _on_ended,
    "meeting.updated": _on_updated,
    "recording.completed": on_recording_completed,
}

# What the service reads of Zoom: only these events are stored beyond their name and time.
HANDLED_EVENTS = frozenset(_HANDLERS)
