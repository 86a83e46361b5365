"""Retention: what is kept only for a while goes once old enough, in batches.

Records of past work (Zoom calls, processed webhook deliveries, task results, delivered and
failed platform events) go after LUNOVA_RETENTION_DAYS. Personal details of past sessions go
after LUNOVA_PERSONAL_DATA_DAYS: participant intervals and waiting-room marks are deleted and
notes emptied (the
appointment, its attendance outcome and minutes stay). Refresh-token records go once expired, as
simplejwt's `flushexpiredtokens` deletes them. Each kind is read by an index on its time, so a
batch costs the same however much is kept; every batch is its own short transaction, so
pruning never holds a long lock; a run stops at its time budget and the next run (beat, daily)
goes on where it left off.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django_celery_results.models import TaskResult
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from zoom_worker.models import (
    Appointment,
    ParticipantInterval,
    PlatformEvent,
    SyncAttempt,
    WaitingRoomMark,
    WebhookDelivery,
)

BATCH_SIZE = 1000
TIME_BUDGET_SECONDS = 60.0


def _records_age() -> timedelta:
    return timedelta(days=settings.LUNOVA_RETENTION_DAYS)


def _personal_age() -> timedelta:
    return timedelta(days=settings.LUNOVA_PERSONAL_DATA_DAYS)


def _expired() -> timedelta:
    return timedelta(0)


@dataclass(frozen=True)
class Kind:
    """Rows of `model` whose `field` is older than `age()` and that match `extra`: deleted, or
    given `forget` (field: value) when the row stays."""

    model: type[models.Model]
    field: str
    age: Callable[[], timedelta]
    extra: models.Q = field(default_factory=models.Q)
    forget: dict | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label + (".forgotten" if self.forget else "")


PRUNABLE = [
    Kind(SyncAttempt, "started_at", _records_age),
    # A delivery still waiting to be processed is work, not history.
    Kind(WebhookDelivery, "received_at", _records_age, models.Q(processed_at__isnull=False)),
    Kind(TaskResult, "date_done", _records_age),
    # An event still to deliver is work; a delivered or failed one is history (its attempts go
    # with it).
    Kind(
        PlatformEvent,
        "created_at",
        _records_age,
        models.Q(state__in=(PlatformEvent.State.DELIVERED, PlatformEvent.State.FAILED)),
    ),
    Kind(OutstandingToken, "expires_at", _expired),
    # A participant's stays, by their join (or, a leave whose join never came, by the leave).
    Kind(ParticipantInterval, "joined_at", _personal_age),
    Kind(ParticipantInterval, "left_at", _personal_age, models.Q(joined_at__isnull=True)),
    # Who waited in the waiting room and when: keys and times, kept as long as the stays.
    Kind(WaitingRoomMark, "at", _personal_age),
    Kind(Appointment, "start_time", _personal_age, ~models.Q(notes=""), forget={"notes": ""}),
]


def records_prune(
    *,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    time_budget: float = TIME_BUDGET_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, int]:
    """Prune batch by batch until nothing old is left or the budget is spent; returns how many
    rows of each kind went (or were forgotten)."""
    now = now or timezone.now()
    deadline = clock() + time_budget
    done = dict.fromkeys((kind.label for kind in PRUNABLE), 0)
    for kind in PRUNABLE:
        old = kind.model.objects.filter(kind.extra, **{f"{kind.field}__lt": now - kind.age()})
        old = old.order_by()
        while clock() < deadline:
            with transaction.atomic():
                batch = list(old.values_list("pk", flat=True)[:batch_size])
                if not batch:
                    break
                rows = kind.model.objects.filter(pk__in=batch)
                count = rows.update(**kind.forget) if kind.forget else rows.delete()[0]
            done[kind.label] += count
    return done
