"""The safety net run by Celery beat: nothing left pending is forgotten, nothing orphaned stays.

- `meetings_reconcile` publishes again every meeting that is out of sync and idle for
  LUNOVA_RECONCILE_STALE_AFTER (a lost event, a dead worker, a broker that lost its queue), and
  every deferred meeting whose time has come.
- `meeting_start_urls_clear` forgets start links whose host token has died, a batch a pass.
- `zoom_orphans_sweep` deletes Zoom meetings that carry our marker but that no live meeting row
  owns (a duplicate, or a meeting whose row wants it gone).
- `meeting_duplicates_sweep` does the same for one meeting, soon and again for a while, after a
  create whose answer never came: Zoom may make that meeting after the retry made another.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from zoom_worker.core.connections import zoom_client
from zoom_worker.core.dispatch import dispatch_batch
from zoom_worker.core.task_names import SYNC_MEETING
from zoom_worker.meetings.payloads import marker_in
from zoom_worker.meetings.selectors import meeting_host_users
from zoom_worker.models import Meeting
from zoom_worker.zoom.client import PAGE_SIZE
from zoom_worker.zoom.errors import ZoomError, ZoomNotFound

logger = logging.getLogger(__name__)

RECONCILE_BATCH = 500


def meetings_reconcile() -> int:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.LUNOVA_RECONCILE_STALE_AFTER)
    due = (
        Meeting.objects.due_for_reconcile(now=now, stale_before=stale)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:RECONCILE_BATCH]
    )
    published = dispatch_batch(
        SYNC_MEETING, [(meeting_id, {"meeting_id": meeting_id}) for meeting_id in due]
    )
    if published:
        # Touched so the next run leaves them to these events for another STALE_AFTER.
        Meeting.objects.filter(pk__in=published).update(updated_at=now)
        logger.info("reconciler published %s meetings again", len(published))
    return len(published)


# At most this many a pass (every minute), so a pass stays short after a long outage.
START_URL_CLEAR_BATCH = 1000


def meeting_start_urls_clear() -> int:
    """Forget the start links whose token has died (the rows keep their join link)."""
    now = timezone.now()
    dead = Meeting.objects.with_dead_start_url(now=now)
    oldest = dead.order_by("start_url_issued_at").values_list("pk", flat=True)
    batch = list(oldest[:START_URL_CLEAR_BATCH])
    # Filtered again in the UPDATE: a worker may have written a fresh link meanwhile.
    return dead.filter(pk__in=batch).update(start_url="") if batch else 0


def zoom_orphans_sweep() -> int:
    client = zoom_client()
    deleted = 0
    for host in sorted(meeting_host_users()):
        try:
            listed = list(client.list_meetings(host=host))
        except ZoomError as exc:
            logger.warning("orphan sweep could not list host meetings: %s", exc.message)
            continue
        # Deleted once the whole list is read: deleting between pages could shift them.
        for start in range(0, len(listed), PAGE_SIZE):
            for zoom_meeting in _orphans(listed[start : start + PAGE_SIZE]):
                deleted += _delete(client, str(zoom_meeting["id"]))
    if deleted:
        logger.info("orphan sweep deleted %s Zoom meetings", deleted)
    return deleted


def meeting_duplicates_sweep(*, meeting_id: int) -> bool:
    """Delete the meetings Zoom holds with this meeting's marker but not the row's own one.

    True while a late duplicate may still appear (LUNOVA_DUPLICATE_WATCH after the last create),
    so the caller looks again.
    """
    row = Meeting.objects.filter(pk=meeting_id).only("host", "marker", "create_attempted_at")
    row = row.first()
    if row is None or row.create_attempted_at is None:
        return False  # gone, or no create whose answer was lost (re-created after a loss)
    client = zoom_client()
    try:
        listed = list(client.list_meetings(host=row.host))
    except ZoomError as exc:
        logger.warning("meeting %s: duplicate look-up failed: %s", meeting_id, exc.message)
        listed = []
    ours = [m for m in listed if marker_in(m.get("agenda")) == row.marker]
    deleted = sum(_delete(client, str(m["id"])) for m in _orphans(ours))
    if deleted:
        logger.warning("meeting %s: deleted %s duplicate Zoom meetings", meeting_id, deleted)
    watch_until = row.create_attempted_at + timedelta(seconds=settings.LUNOVA_DUPLICATE_WATCH)
    return timezone.now() < watch_until


def _orphans(listed: list[dict]) -> list[dict]:
    """The listed Zoom meetings that carry our marker but that no live row owns: one query for
    the rows of all of them."""
    marked = [(m, marker_in(m.get("agenda"))) for m in listed]
    marked = [(m, marker) for m, marker in marked if marker is not None]  # others: not ours
    if not marked:
        return []
    rows = Meeting.objects.filter(marker__in={marker for _, marker in marked}).only(
        "marker", "wanted", "zoom_meeting_id", "lease_expires_at"
    )
    by_marker = {row.marker: row for row in rows}
    now = timezone.now()
    return [m for m, marker in marked if _is_orphan(m, by_marker.get(marker), now=now)]


def _is_orphan(zoom_meeting: dict, row: Meeting | None, *, now) -> bool:
    if row is None:
        return True
    if row.lease_expires_at and row.lease_expires_at > now:
        # A worker is acting on it, perhaps between Zoom's answer and writing it back: that
        # worker settles this meeting; deleting it here could take the live one.
        return False
    if row.wanted == Meeting.Wanted.GONE:
        return True
    # A row with no Zoom id yet may be waiting to adopt it (a create whose answer was lost).
    return bool(row.zoom_meeting_id) and row.zoom_meeting_id != str(zoom_meeting["id"])


def _delete(client, zoom_id: str) -> int:
    try:
        client.delete_meeting(meeting_id=zoom_id)
    except ZoomNotFound:
        return 0
    except ZoomError as exc:
        logger.warning("orphan sweep could not delete a Zoom meeting: %s", exc.message)
        return 0
    return 1
