"""Stored is not lost: deliveries never processed (a broker that lost its queue after Zoom got
its 200) are queued again by the reconciler."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from zoom_worker.core.dispatch import dispatch_batch
from zoom_worker.core.task_names import PROCESS_WEBHOOK
from zoom_worker.models import WebhookDelivery

logger = logging.getLogger(__name__)

# Zoom's own retries end about an hour and a half after the first try; a day covers any outage
# the reconciler outlives, without re-queueing forever a delivery whose processing keeps failing.
REQUEUE_WITHIN = timedelta(days=1)
# At most this many a pass (the reconciler runs every minute): a pass costs the same however
# many deliveries wait, and the rest go on the next pass.
REQUEUE_BATCH = 500


def webhook_deliveries_requeue() -> int:
    """Queue again the stored deliveries that were never processed."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.LUNOVA_RECONCILE_STALE_AFTER)
    waiting = (
        WebhookDelivery.objects.unprocessed()
        .filter(received_at__lte=stale, received_at__gte=now - REQUEUE_WITHIN)
        .order_by("received_at")
        .values_list("pk", flat=True)[:REQUEUE_BATCH]
    )
    queued = len(dispatch_batch(PROCESS_WEBHOOK, [(delivery_id, {}) for delivery_id in waiting]))
    if queued:
        logger.info("reconciler queued %s webhook deliveries again", queued)
    return queued
