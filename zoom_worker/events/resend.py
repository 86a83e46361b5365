"""Sending again: what a lost message left pending (the reconciler), and an operator's
"deliver again"."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from zoom_worker.core.dispatch import dispatch_batch, dispatch_on_commit
from zoom_worker.core.task_names import DELIVER_EVENT
from zoom_worker.events.outbox import events_enabled
from zoom_worker.models import PlatformEvent

RESEND_BATCH = 200


def platform_events_resend() -> int:
    """Send again pending events whose next attempt is overdue (a lost message, a dead worker)."""
    if not events_enabled():
        return 0
    # An event overdue by less than this is left to the retry already scheduled for it.
    grace = timedelta(seconds=settings.LUNOVA_RECONCILE_STALE_AFTER)
    due = PlatformEvent.objects.filter(
        state=PlatformEvent.State.PENDING, next_attempt_at__lte=timezone.now() - grace
    ).values_list("pk", "meeting_id")[:RESEND_BATCH]
    sent = dispatch_batch(
        DELIVER_EVENT,
        [(str(event_id), {"meeting_id": meeting_id}) for event_id, meeting_id in due],
    )
    return len(sent)


def platform_event_redeliver(*, event: PlatformEvent) -> None:
    """An operator's "deliver again": back to pending, sent now."""
    PlatformEvent.objects.filter(pk=event.pk).update(
        state=PlatformEvent.State.PENDING, next_attempt_at=timezone.now()
    )
    dispatch_on_commit(DELIVER_EVENT, object_id=str(event.pk), meeting_id=event.meeting_id)
