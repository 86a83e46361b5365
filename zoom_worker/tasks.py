"""Celery tasks: thin. Each loads by id and calls a service; errors map to retry or failure."""

import math

from celery import shared_task
from django.conf import settings

from zoom_worker.models import Meeting
from zoom_worker.retry import backoff_seconds
from zoom_worker.selectors import meeting_last_error
from zoom_worker.services.reconcile import meetings_reconcile, zoom_orphans_sweep
from zoom_worker.services.sync import RetryLater, meeting_sync
from zoom_worker.services.webhooks import webhook_deliveries_requeue, webhook_process


class MeetingFailed(Exception):
    """A sync that ended `failed`: the task fails with the reason; `throws` logs no traceback."""


@shared_task(bind=True, name="lunova.sync_meeting", max_retries=None, throws=(MeetingFailed,))
def sync_meeting(self, meeting_id: int) -> str:
    try:
        result = meeting_sync(meeting_id=meeting_id, worker_id=self.request.id or "eager")
    except RetryLater as exc:
        countdown = backoff_seconds(
            retries=self.request.retries,
            retry_after=exc.retry_after,
            cap=settings.LUNOVA_RETRY_BACKOFF_MAX,
        )
        if settings.BROKER_IS_AMQP:
            # RabbitMQ's native delayed delivery counts whole seconds and refuses less than one.
            countdown = math.ceil(countdown)
        raise self.retry(countdown=countdown) from exc
    if result == Meeting.Status.FAILED:
        raise MeetingFailed(meeting_last_error(meeting_id=meeting_id))
    return result


@shared_task(name="lunova.reconcile_meetings")
def reconcile_meetings() -> dict:
    return {"meetings": meetings_reconcile(), "webhooks": webhook_deliveries_requeue()}


@shared_task(name="lunova.sweep_zoom_orphans")
def sweep_zoom_orphans() -> int:
    return zoom_orphans_sweep()


@shared_task(name="lunova.process_webhook")
def process_webhook(delivery_id: int) -> str:
    return webhook_process(delivery_id=delivery_id)
