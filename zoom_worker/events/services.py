"""Platform events: what the Lunova platform is told, recorded as data and delivered by a worker.

An event is recorded in the transaction of the change it reports (an outbox), with the meeting's
next `sequence`, and sent once that transaction commits. Delivery is at least once: a 2xx is
delivered; timeouts, connection errors, 408, 429 (its Retry-After honoured) and 5xx are retried
with capped, jittered backoff for LUNOVA_EVENTS_RETRY_HOURS; any other answer fails it at once.
Every attempt is a row. The reconciler sends again what a lost message left pending.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zoom_worker.core.connections import events_session
from zoom_worker.core.dispatch import DELIVER_EVENT, dispatch_now, dispatch_on_commit
from zoom_worker.core.retry import backoff_seconds
from zoom_worker.models import Attendance, EventDeliveryAttempt, Meeting, PlatformEvent
from zoom_worker.observability.metrics import platform_event_attempted

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = {408, 429}
REASON_MAX = 200
RESEND_BATCH = 200

_MEETING_FIELDS = ("topic", "start_time", "duration", "timezone")


def events_enabled() -> bool:
    return bool(settings.LUNOVA_EVENTS_URL)


def platform_event_record(
    *, meeting: Meeting, type: str, data: dict, row_locked: bool = False
) -> PlatformEvent | None:
    """Record an event inside the transaction of the change it reports. None when no events URL
    is configured. `row_locked`: that transaction has written the meeting's row already."""
    if not events_enabled():
        return None
    # The meeting's row lock orders the sequence: a second transaction reporting on this meeting
    # waits here until the first commits, then reads its event. A transaction that wrote the
    # row holds the lock already, and its next statement sees what the first committed.
    if not row_locked:
        Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    last = PlatformEvent.objects.filter(meeting=meeting).aggregate(n=Max("sequence"))["n"]
    appointment = getattr(meeting, "appointment", None) if _has_appointment(meeting) else None
    event = PlatformEvent.objects.create(
        type=type,
        meeting=meeting,
        appointment_id=appointment.pk if appointment else None,
        sequence=(last or 0) + 1,
        data=data,
        next_attempt_at=timezone.now(),
    )
    dispatch_on_commit(DELIVER_EVENT, object_id=str(event.pk), meeting_id=meeting.pk)
    return event


def _has_appointment(meeting: Meeting) -> bool:
    try:
        meeting.appointment  # noqa: B018 - a reverse one-to-one raises when there is none
    except Meeting.appointment.RelatedObjectDoesNotExist:
        return False
    return True


def meeting_facts(meeting: Meeting) -> dict:
    """What a participant may be told of the meeting: never the start link or anything of the
    client's."""
    return {
        "meeting_id": meeting.zoom_meeting_id,
        "join_url": meeting.join_url,
        "password": meeting.password,
        "host_email": meeting.host_email,
        "topic": meeting.topic,
        "start_time": _utc(meeting.start_time),
        "duration": meeting.duration,
        "timezone": meeting.timezone,
    }


def platform_events_after_sync(*, meeting_id: int, status: str) -> None:
    """The events a worker's write-back reports; runs inside the write-back's transaction."""
    if not events_enabled():
        return
    meeting = Meeting.objects.select_related("appointment").get(pk=meeting_id)
    if status == Meeting.Status.READY:
        facts = meeting_facts(meeting)
        told = PlatformEvent.objects.filter(meeting=meeting).order_by("-sequence")
        previous = told.filter(
            type__in=(PlatformEvent.Type.MEETING_READY, PlatformEvent.Type.MEETING_UPDATED)
        ).first()
        if previous is None:
            platform_event_record(
                meeting=meeting, type=PlatformEvent.Type.MEETING_READY, data=facts, row_locked=True
            )
        elif previous == told.first() and all(previous.data.get(k) == v for k, v in facts.items()):
            # Zoom holds what the platform was last told (e.g. a change made in Zoom, put back).
            return
        else:
            changed = previous.data.get("join_url") != meeting.join_url
            platform_event_record(
                meeting=meeting,
                type=PlatformEvent.Type.MEETING_UPDATED,
                data={**facts, "join_url_changed": changed},
                row_locked=True,
            )
    elif status == Meeting.Status.FAILED:
        platform_event_record(
            meeting=meeting,
            type=PlatformEvent.Type.MEETING_FAILED,
            data={"last_error": meeting.last_error},
            row_locked=True,
        )
    elif status == Meeting.Status.DELETED:
        platform_event_record(
            meeting=meeting, type=PlatformEvent.Type.MEETING_DELETED, data={}, row_locked=True
        )


def platform_event_appointment_ended(*, appointment, figures: Attendance) -> PlatformEvent | None:
    """`appointment.ended`, recorded in the transaction that settles the appointment's
    attendance (its status already set): the status and the attendance figures (the settled
    Attendance row, or the attendance service's Figures it was made from), nothing else."""
    return platform_event_record(
        meeting=appointment.meeting,
        type=PlatformEvent.Type.APPOINTMENT_ENDED,
        data={
            "status": appointment.status,
            "attendance": {
                "outcome": figures.outcome,
                "expert_joined_at": _utc(figures.expert_joined_at),
                "client_joined_at": _utc(figures.client_joined_at),
                "together_minutes": figures.together_minutes,
            },
        },
    )


def _utc(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def event_body(event: PlatformEvent) -> bytes:
    return json.dumps(
        {
            "id": str(event.pk),
            "type": event.type,
            "created_at": _utc(event.created_at),
            "sequence": event.sequence,
            "meeting": event.meeting_id,
            "appointment": event.appointment_id,
            "data": event.data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def event_signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """v1=hex(HMAC-SHA256(secret, "v1:{timestamp}:{raw body}"))."""
    message = b"v1:" + timestamp.encode() + b":" + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def platform_event_deliver(*, event_id) -> float | None:
    """One delivery attempt. Returns seconds to wait before the next one, or None when the caller
    has nothing to schedule (delivered, failed, not pending, or left to the reconciler)."""
    event = PlatformEvent.objects.filter(pk=event_id, state=PlatformEvent.State.PENDING).first()
    if event is None:
        return None
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
    started = timezone.now()
    began = time.monotonic()
    status, retry_after, reason = None, None, ""
    try:
        response = events_session().post(
            settings.LUNOVA_EVENTS_URL,
            data=body,
            headers=headers,
            timeout=settings.LUNOVA_EVENTS_TIMEOUT,
            allow_redirects=False,
        )
        status = response.status_code
        retry_after = _retry_after(response.headers.get("Retry-After"))
        reason = response.reason or ""
    except requests.Timeout:
        reason = "timeout"
    except requests.RequestException as exc:
        reason = f"connection error: {type(exc).__name__}"
    return _settle_attempt(
        event,
        started=started,
        duration_ms=int((time.monotonic() - began) * 1000),
        status=status,
        retry_after=retry_after,
        reason=reason,
    )


@transaction.atomic
def _settle_attempt(event, *, started, duration_ms, status, retry_after, reason) -> float | None:
    # Read again under a lock: another attempt at this event (a resend racing a scheduled retry)
    # may have settled it while this one was on the wire.
    event = PlatformEvent.objects.select_for_update().get(pk=event.pk)
    EventDeliveryAttempt.objects.create(
        event=event,
        started_at=started,
        duration_ms=duration_ms,
        http_status=status,
        reason=reason[:REASON_MAX],
    )
    now = timezone.now()
    delivered = status is not None and 200 <= status < 300
    event.attempts += 1
    if event.state != PlatformEvent.State.PENDING and not (
        delivered and event.state == PlatformEvent.State.FAILED
    ):
        # Settled by the other attempt; only a 2xx could still change a failed one.
        event.save(update_fields=["attempts"])
        return None
    event.last_error = "" if delivered else reason[:REASON_MAX]
    wait = None
    if delivered:
        event.state, event.delivered_at, event.next_attempt_at = (
            PlatformEvent.State.DELIVERED,
            now,
            None,
        )
    elif _retryable(status) and now - event.created_at < timedelta(
        hours=settings.LUNOVA_EVENTS_RETRY_HOURS
    ):
        wait = backoff_seconds(
            retries=event.attempts - 1,
            retry_after=retry_after,
            cap=settings.LUNOVA_EVENTS_BACKOFF_MAX,
        )
        event.next_attempt_at = now + timedelta(seconds=wait)
    else:
        event.state, event.next_attempt_at = PlatformEvent.State.FAILED, None
    event.save(update_fields=["attempts", "last_error", "state", "delivered_at", "next_attempt_at"])
    platform_event_attempted(outcome="retried" if wait is not None else event.state)
    logger.info(
        "platform event %s (%s) for meeting %s: %s after attempt %s",
        event.pk,
        event.type,
        event.meeting_id,
        event.state,
        event.attempts,
    )
    if wait is not None and wait > settings.LUNOVA_EVENTS_BACKOFF_MAX:
        # A Retry-After beyond the cap: the reconciler sends it once due, rather than a message
        # held that long by the broker (which may hand it out again early).
        return None
    return wait


def _retryable(status: int | None) -> bool:
    return status is None or status in RETRYABLE_STATUSES or status >= 500


def _retry_after(value: str | None) -> float | None:
    """Seconds, or an HTTP date; anything else is ignored."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - timezone.now()).total_seconds())
    except (TypeError, ValueError):
        return None


def platform_events_resend() -> int:
    """Send again pending events whose next attempt is overdue (a lost message, a dead worker)."""
    if not events_enabled():
        return 0
    # An event overdue by less than this is left to the retry already scheduled for it.
    grace = timedelta(seconds=settings.LUNOVA_RECONCILE_STALE_AFTER)
    due = PlatformEvent.objects.filter(
        state=PlatformEvent.State.PENDING, next_attempt_at__lte=timezone.now() - grace
    ).values_list("pk", "meeting_id")[:RESEND_BATCH]
    sent = 0
    for event_id, meeting_id in list(due):
        if not dispatch_now(DELIVER_EVENT, object_id=str(event_id), meeting_id=meeting_id):
            break  # the broker is down: the next run tries again
        sent += 1
    return sent


def platform_event_redeliver(*, event: PlatformEvent) -> None:
    """An operator's "deliver again": back to pending, sent now."""
    PlatformEvent.objects.filter(pk=event.pk).update(
        state=PlatformEvent.State.PENDING, next_attempt_at=timezone.now()
    )
    dispatch_on_commit(DELIVER_EVENT, object_id=str(event.pk), meeting_id=event.meeting_id)
