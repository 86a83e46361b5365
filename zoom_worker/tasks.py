"""Celery tasks: thin. Each loads by id and calls a service; errors map to retry or failure."""

import logging
import math
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from zoom_worker.attendance.scan import attendances_settle_due
from zoom_worker.attendance.settle import attendance_settle
from zoom_worker.core.retry import RetryLater, backoff_seconds
from zoom_worker.core.task_names import (
    BRING_IN_SCHEDULED,
    CHECK_EXPERT_LATE,
    DELETE_RECORDINGS,
    DELIVER_EVENT,
    EXPERT_LATE_SWEEP,
    PROCESS_WEBHOOK,
    PRUNE_RECORDS,
    RECONCILE,
    SETTLE_ATTENDANCE,
    SETTLE_DUE_ATTENDANCE,
    SWEEP_DUPLICATES,
    SWEEP_ORPHANS,
    SYNC_MEETING,
)
from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.events.resend import platform_events_resend
from zoom_worker.inbound.processing import webhook_process
from zoom_worker.inbound.recordings import meeting_recordings_delete
from zoom_worker.inbound.requeue import webhook_deliveries_requeue
from zoom_worker.meetings.former_meetings import former_meetings_sweep
from zoom_worker.meetings.horizon import meetings_bring_in
from zoom_worker.meetings.reconcile import (
    meeting_duplicates_sweep,
    meeting_start_urls_clear,
    meetings_reconcile,
    zoom_orphans_sweep,
)
from zoom_worker.meetings.selectors import meeting_last_error
from zoom_worker.meetings.sync import SyncResult, meeting_sync, meeting_sync_abandon
from zoom_worker.ops.retention import records_prune
from zoom_worker.presence.services import presence_expert_late_check, presences_expert_late_sweep

logger = logging.getLogger(__name__)

# A sync never outlives the lease it took at claim: told to stop (soft) with time to let the
# meeting go, killed (hard) before the lease expires, so no second worker can act beside it.
SYNC_SOFT_TIME_LIMIT = 0.75 * settings.LUNOVA_SYNC_LEASE
SYNC_TIME_LIMIT = 0.9 * settings.LUNOVA_SYNC_LEASE


class MeetingFailed(Exception):
    """A sync that ended `failed`: the task fails with the reason; `throws` logs no traceback."""


@shared_task(
    bind=True,
    name=SYNC_MEETING,
    max_retries=None,
    soft_time_limit=SYNC_SOFT_TIME_LIMIT,
    time_limit=SYNC_TIME_LIMIT,
    throws=(MeetingFailed,),
)
def sync_meeting(self, meeting_id: int) -> str:
    worker_id = self.request.id or "eager"
    try:
        result = meeting_sync(meeting_id=meeting_id, worker_id=worker_id)
    except SoftTimeLimitExceeded as exc:
        meeting_sync_abandon(meeting_id=meeting_id, worker_id=worker_id)
        raise self.retry(countdown=0) from exc
    except RetryLater as exc:
        raise _retry_with_backoff(self, exc) from exc
    if result is SyncResult.FAILED:
        raise MeetingFailed(meeting_last_error(meeting_id=meeting_id))
    return result.value


# The reconciler's sweeps, each run whatever another one raised.
RECONCILE_SWEEPS = {
    "meetings": meetings_reconcile,
    "webhooks": webhook_deliveries_requeue,
    "events": platform_events_resend,
    "former_meetings": former_meetings_sweep,
    "start_urls": meeting_start_urls_clear,
}


class SweepsFailed(Exception):
    """Some of the reconciler's sweeps raised (each logged with its traceback); the others ran."""


@shared_task(name=RECONCILE)
def reconcile_meetings() -> dict:
    done, failed = {}, []
    for name, sweep in RECONCILE_SWEEPS.items():
        try:
            done[name] = sweep()
        except Exception:
            logger.exception("reconciler: the %s sweep failed; the others go on", name)
            failed.append(name)
    if failed:
        raise SweepsFailed(", ".join(failed))
    return done


@shared_task(name=BRING_IN_SCHEDULED)
def bring_in_scheduled_meetings() -> int:
    return meetings_bring_in()


@shared_task(bind=True, name=DELIVER_EVENT, max_retries=None)
def deliver_event(self, event_id: str) -> None:
    wait = platform_event_deliver(event_id=event_id)
    if wait is not None:
        raise self.retry(countdown=_broker_countdown(wait))


# Looks for a late duplicate soon after the create, then less often: 1, 2, 4, 8, 10, 10 ... s.
DUPLICATE_LOOK_INTERVAL_MAX = 10


@shared_task(bind=True, name=SWEEP_DUPLICATES, max_retries=None)
def sweep_meeting_duplicates(self, meeting_id: int) -> None:
    if meeting_duplicates_sweep(meeting_id=meeting_id):
        countdown = min(2.0**self.request.retries, DUPLICATE_LOOK_INTERVAL_MAX)
        raise self.retry(countdown=countdown)


@shared_task(name=SWEEP_ORPHANS)
def sweep_zoom_orphans() -> int:
    return zoom_orphans_sweep()


@shared_task(name=PROCESS_WEBHOOK)
def process_webhook(delivery_id: int) -> str:
    return webhook_process(delivery_id=delivery_id)


@shared_task(bind=True, name=DELETE_RECORDINGS, max_retries=None)
def delete_recordings(self, delivery_id: int) -> str:
    try:
        task_id = self.request.id or "eager"
        return meeting_recordings_delete(delivery_id=delivery_id, task_id=task_id)
    except RetryLater as exc:
        raise _retry_with_backoff(self, exc) from exc


@shared_task(name=SETTLE_DUE_ATTENDANCE)
def settle_attendance() -> int:
    return attendances_settle_due()


@shared_task(bind=True, name=SETTLE_ATTENDANCE, max_retries=None)
def settle_meeting_attendance(self, meeting_id: int) -> str | None:
    # Bounded by the service: after a few failed report calls it settles as unknown.
    try:
        return attendance_settle(meeting_id=meeting_id, task_id=self.request.id or "eager")
    except RetryLater as exc:
        raise _retry_with_backoff(self, exc) from exc


@shared_task(name=CHECK_EXPERT_LATE)
def check_expert_late(meeting_id: int) -> bool:
    return presence_expert_late_check(meeting_id=meeting_id)


@shared_task(name=EXPERT_LATE_SWEEP)
def presence_expert_late() -> int:
    return presences_expert_late_sweep()


@shared_task(name=PRUNE_RECORDS)
def prune_records() -> dict:
    return records_prune()


def _retry_with_backoff(task, exc: RetryLater):
    """The task's retry after a transient Zoom failure: capped, jittered, honouring Retry-After."""
    countdown = backoff_seconds(
        retries=task.request.retries,
        retry_after=exc.retry_after,
        cap=settings.LUNOVA_RETRY_BACKOFF_MAX,
    )
    return task.retry(countdown=_broker_countdown(countdown))


def _broker_countdown(seconds: float) -> float:
    """RabbitMQ's native delayed delivery counts whole seconds and refuses less than one, so
    the fraction is waited out here (under a second, well inside the task's time limit) and the
    broker holds the whole seconds: rounding up instead made every per-second 429's short wait
    a full second, and the fleet drained slower on RabbitMQ than on Redis."""
    if not settings.BROKER_IS_AMQP:
        return seconds
    whole = math.floor(seconds)
    time.sleep(seconds - whole)
    return whole
