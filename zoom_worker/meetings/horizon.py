"""The series horizon: a series session's Zoom meeting is made only once its start is at most
LUNOVA_SERIES_HORIZON_DAYS ahead; until then it is `scheduled` (its seat held, nothing in Zoom).

Spreading the creates over the weeks keeps a long series from spending its hosts' daily Zoom
budget on the day it is booked; `meetings_bring_in` (beat) makes the next ones as days pass.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zoom_worker.core.dispatch import dispatch_batch
from zoom_worker.core.task_names import SYNC_MEETING
from zoom_worker.models import Meeting

logger = logging.getLogger(__name__)

# At most this many a pass (every LUNOVA_RECONCILE_INTERVAL): the creates they start go through
# the fleet's rate limits anyway, and a pass after a long stop stays short.
BRING_IN_BATCH = 500


def horizon_end(*, now: datetime | None = None) -> datetime:
    """The latest start whose Zoom meeting is made now."""
    return (now or timezone.now()) + timedelta(days=settings.LUNOVA_SERIES_HORIZON_DAYS)


def beyond_horizon(start_time: datetime) -> bool:
    return start_time > horizon_end()


def meetings_bring_in(*, now: datetime | None = None) -> int:
    """Scheduled meetings now within the horizon become pending and go to the workers, earliest
    first, once that is committed (a worker must find them pending)."""
    brought = _pending_from_scheduled(now=now or timezone.now())
    # Out of sync from here (the version grew past the synced one): the reconciler covers a
    # publish that is lost, or the rest of a batch the broker refused, like any other change.
    dispatch_batch(SYNC_MEETING, [(pk, {"meeting_id": pk}) for pk in brought])
    if brought:
        logger.info("brought %s scheduled meetings within the horizon", len(brought))
    return len(brought)


@transaction.atomic
def _pending_from_scheduled(*, now: datetime) -> list[int]:
    """Read from the index of scheduled starts: a pass costs the same however many sessions lie
    further ahead. Rows a booking holds locked are left to the next pass."""
    due = (
        Meeting.objects.scheduled_within(until=horizon_end(now=now))
        .order_by("start_time")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:BRING_IN_BATCH]
    )
    brought = list(due)
    if brought:
        Meeting.objects.filter(pk__in=brought, status=Meeting.Status.SCHEDULED).update(
            status=Meeting.Status.PENDING, version=F("version") + 1, updated_at=now
        )
    return brought
