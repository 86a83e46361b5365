"""The sync lease: one worker at a time acts on Zoom for a meeting.

The lease lives in the meeting's row, not in Redis, so it survives a Redis restart:
- claim: one conditional UPDATE (compare-and-set) takes it; a redelivered task (same id) takes
  its own lease back at once, and a dead worker's lease simply expires;
- hold: renewed right before every call that changes Zoom, or the worker stops (LeaseLost);
- release: let go without marking the meeting synced (a retry, a deferral);
- write back: mark synced only at the version read at claim, by the worker that still holds it.
No transaction is held open across a Zoom call.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from zoom_worker.models import FormerZoomMeeting, Meeting


class LeaseLost(Exception):
    """Another worker took the meeting over while this one was slow: this one must not act."""


def _lease_until():
    return timezone.now() + timedelta(seconds=settings.LUNOVA_SYNC_LEASE)


def lease_claim(*, meeting_id: int, worker_id: str) -> Meeting | None:
    """The row, once this worker holds its lease; None when it is not this worker's to take.

    One statement takes the lease and returns the row as taken, with `has_former_meetings`:
    whether meetings left on former hosts await deletion. A move that records one also changes
    the row's version, so the write-back of this claim cannot succeed after one was added; the
    sync needs no second look.

    In sync, deferred, or another worker holds the lease: nothing is returned, and that worker
    re-reads the version before it lets go; the reconciler covers a worker that died holding it.
    """
    now = timezone.now()
    # Which rows may be claimed is the queryset's rule; it is compiled into the UPDATE, whose
    # RETURNING hands back the row: a second statement (and the ORM's compiling of a wide
    # SELECT) cost the sync more CPU than taking the lease itself.
    claimable, params = (
        Meeting.objects.filter(pk=meeting_id)
        .claimable(now=now, worker_id=worker_id)
        .values("pk")
        .query.sql_with_params()
    )
    claimed = Meeting.objects.raw(
        _CLAIM.format(claimable=claimable), [worker_id, _lease_until(), *params]
    )
    meeting = next(iter(claimed), None)
    if meeting is not None:
        meeting.has_former_meetings = bool(meeting.has_former_meetings)  # SQLite says 1 or 0
    return meeting


def _claim_statement() -> str:
    quote = connection.ops.quote_name
    meeting, former = Meeting._meta, FormerZoomMeeting._meta
    table, pk = quote(meeting.db_table), quote(meeting.pk.column)
    return (
        f"UPDATE {table} SET {quote('lease_owner')} = %s, {quote('lease_expires_at')} = %s "  # noqa: S608 - names of our own tables
        f"WHERE {pk} IN ({{claimable}}) RETURNING *, EXISTS (SELECT 1 FROM "
        f"{quote(former.db_table)} WHERE {quote(former.get_field('meeting').column)} = "
        f"{table}.{pk}) AS has_former_meetings"
    )


_CLAIM = _claim_statement()


def lease_hold(*, meeting_id: int, worker_id: str, **fields) -> None:
    """Renew the lease right before a call that changes Zoom, or stop if it is no longer ours.

    A worker that outlived its lease (a long pause, a slow token) may find another worker has
    taken the meeting over; the lease is LUNOVA_SYNC_LEASE from here, longer than one call can
    take (limiter wait, token, HTTP timeouts), so two workers never act on Zoom side by side.
    """
    if not Meeting.objects.filter(pk=meeting_id, lease_owner=worker_id).update(
        lease_expires_at=_lease_until(), **fields
    ):
        raise LeaseLost()


def lease_release(*, meeting_id: int, worker_id: str, **fields) -> None:
    Meeting.objects.filter(pk=meeting_id, lease_owner=worker_id).update(
        lease_owner="", lease_expires_at=None, updated_at=timezone.now(), **fields
    )


# No savepoint when nested: the sync's write-back transaction holds it, and fails as a whole.
@transaction.atomic(savepoint=False)
def lease_write_back(
    *,
    meeting_id: int,
    worker_id: str,
    version: int,
    host: str,
    status: str,
    error: str,
    facts: dict,
) -> bool:
    """Store what Zoom answered for `host`; mark the meeting synced if `version` is still the
    row's."""
    now = timezone.now()
    if facts:
        # What Zoom now holds is kept whatever happened to the row meanwhile: forgetting a
        # meeting Zoom made would lead to a second one. Unless the row moved to another pool
        # host meanwhile: the move recorded the old host's meeting to be deleted.
        Meeting.objects.filter(pk=meeting_id, host=host).update(**facts, updated_at=now)
    return bool(
        Meeting.objects.filter(pk=meeting_id, version=version, lease_owner=worker_id).update(
            synced_version=version,
            status=status,
            last_error=error,
            lease_owner="",
            lease_expires_at=None,
            not_before=None,
            updated_at=now,
        )
    )
