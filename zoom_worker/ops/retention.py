"""Retention: records of past work older than LUNOVA_RETENTION_DAYS are deleted, in batches.

Each kind of record is (model, timestamp field, extra filter): what may go once old enough.
Delivered platform events join the list as one more entry. Every batch is its own short
transaction, so pruning never holds a long lock; a run stops at its time budget and the next run
(beat, daily) goes on where it left off.
"""

import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django_celery_results.models import TaskResult

from zoom_worker.models import PlatformEvent, SyncAttempt, WebhookDelivery

BATCH_SIZE = 1000
TIME_BUDGET_SECONDS = 60.0

PRUNABLE: list[tuple[type[models.Model], str, models.Q]] = [
    (SyncAttempt, "started_at", models.Q()),
    # A delivery still waiting to be processed is work, not history.
    (WebhookDelivery, "received_at", models.Q(processed_at__isnull=False)),
    (TaskResult, "date_done", models.Q()),
    # A platform event still to deliver is work; a delivered one is history (its attempts go
    # with it).
    (PlatformEvent, "created_at", models.Q(state=PlatformEvent.State.DELIVERED)),
]


def records_prune(
    *,
    older_than: timedelta | None = None,
    batch_size: int = BATCH_SIZE,
    time_budget: float = TIME_BUDGET_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, int]:
    """Delete old records batch by batch until none is left or the budget is spent; returns how
    many rows of each model went."""
    if older_than is None:
        older_than = timedelta(days=settings.LUNOVA_RETENTION_DAYS)
    cutoff = timezone.now() - older_than
    deadline = clock() + time_budget
    deleted = {model._meta.label: 0 for model, _field, _extra in PRUNABLE}
    for model, field, extra in PRUNABLE:
        old = model.objects.filter(extra, **{f"{field}__lt": cutoff}).order_by()
        while clock() < deadline:
            with transaction.atomic():
                batch = list(old.values_list("pk", flat=True)[:batch_size])
                if not batch:
                    break
                count, _ = model.objects.filter(pk__in=batch).delete()
            deleted[model._meta.label] += count
    return deleted
