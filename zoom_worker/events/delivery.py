"""One delivery attempt of a platform event, and what it settles.

Delivery is at least once: a 2xx is delivered, a retryable failure waits (`retry_policy`), any
other fails the event. Every attempt is a row.
"""

import logging
import math
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from zoom_worker.core.dispatch import dispatch_now
from zoom_worker.core.task_names import DELIVER_EVENT
from zoom_worker.events.retry_policy import left_to_reconciler, retry_wait
from zoom_worker.events.transport import Answer, event_post
from zoom_worker.models import EventDeliveryAttempt, PlatformEvent
from zoom_worker.observability.metrics import platform_event_attempted

logger = logging.getLogger(__name__)

REASON_MAX = 200


def platform_event_send(*, event: PlatformEvent) -> None:
    """The first attempt, made at once by the process that recorded the event, once the change
    it reports is committed: a delivery task of its own, and its publish, would cost the worker
    more CPU than the POST. Only a retry goes to the delivery task; a process that dies before
    the attempt leaves the event pending, and the reconciler's resend sends it."""
    wait = _attempt(event)
    if wait is not None:
        # Whole seconds: RabbitMQ's delayed delivery counts no fraction, and a retry sent early
        # would not honour the receiver's Retry-After.
        dispatch_now(
            DELIVER_EVENT,
            object_id=str(event.pk),
            countdown=math.ceil(wait),
            meeting_id=event.meeting_id,
        )


def platform_event_deliver(*, event_id) -> float | None:
    """One delivery attempt. Returns seconds to wait before the next one, or None when the caller
    has nothing to schedule (delivered, failed, not pending, or left to the reconciler)."""
    event = PlatformEvent.objects.filter(pk=event_id, state=PlatformEvent.State.PENDING).first()
    if event is None:
        return None
    return _attempt(event)


def _attempt(event: PlatformEvent) -> float | None:
    started = timezone.now()
    began = time.monotonic()
    answer = event_post(event)
    return _settle_attempt(
        event,
        started=started,
        duration_ms=int((time.monotonic() - began) * 1000),
        answer=answer,
    )


@transaction.atomic
def _settle_attempt(event, *, started, duration_ms, answer: Answer) -> float | None:
    # Read again under a lock: another attempt at this event (a resend racing a scheduled retry)
    # may have settled it while this one was on the wire.
    event = PlatformEvent.objects.select_for_update().get(pk=event.pk)
    EventDeliveryAttempt.objects.create(
        event=event,
        started_at=started,
        duration_ms=duration_ms,
        http_status=answer.status,
        reason=answer.reason[:REASON_MAX],
    )
    now = timezone.now()
    delivered = answer.status is not None and 200 <= answer.status < 300
    event.attempts += 1
    if event.state != PlatformEvent.State.PENDING and not (
        delivered and event.state == PlatformEvent.State.FAILED
    ):
        # Settled by the other attempt; only a 2xx could still change a failed one.
        event.save(update_fields=["attempts"])
        return None
    event.last_error = "" if delivered else answer.reason[:REASON_MAX]
    wait = None
    if delivered:
        event.state, event.delivered_at, event.next_attempt_at = (
            PlatformEvent.State.DELIVERED,
            now,
            None,
        )
    else:
        wait = retry_wait(event, status=answer.status, retry_after=answer.retry_after, now=now)
        if wait is None:
            event.state, event.next_attempt_at = PlatformEvent.State.FAILED, None
        else:
            event.next_attempt_at = now + timedelta(seconds=wait)
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
    if wait is not None and left_to_reconciler(wait):
        return None
    return wait
