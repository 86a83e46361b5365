"""Converging Zoom to the database: the worker's one job.

1. claim: a short UPDATE takes the meeting's lease (compare-and-set) and the row is read;
2. converge: decide create / patch / delete / nothing and call Zoom, with no transaction open;
3. write back: what Zoom answered is always stored; the meeting is marked synced only if its
   version is still the one read in 1, otherwise the loop goes round again with the new state.
"""

import logging
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.core.connections import zoom_client
from zoom_worker.core.dispatch import dispatch_on_commit
from zoom_worker.core.retry import RetryLater
from zoom_worker.core.task_names import SWEEP_DUPLICATES
from zoom_worker.events.outbox import platform_events_after_sync
from zoom_worker.meetings.former_meetings import former_meetings_delete
from zoom_worker.meetings.lease import (
    LeaseLost,
    lease_claim,
    lease_hold,
    lease_release,
    lease_write_back,
)
from zoom_worker.meetings.payloads import (
    changed_fields,
    create_body,
    desired_fields_of,
    held_fields,
    marker_in,
)
from zoom_worker.meetings.services import meeting_move_for_budget
from zoom_worker.meetings.zoom_calls import sync_attempt_recorder
from zoom_worker.models import Meeting
from zoom_worker.zoom.client import ZoomClient
from zoom_worker.zoom.errors import (
    ZoomNotFound,
    ZoomPermanentError,
    ZoomRateLimited,
    ZoomScopeMissing,
    ZoomTransientError,
)
from zoom_worker.zoom.scopes import scope_named

logger = logging.getLogger(__name__)

# Rounds of claim/converge/write-back before a meeting that keeps changing goes back to the queue.
MAX_ROUNDS = 5


class SyncResult(StrEnum):
    """What one sync did; the task's result (its value), readable in Flower and task results."""

    READY = Meeting.Status.READY.value
    FAILED = Meeting.Status.FAILED.value
    DELETED = Meeting.Status.DELETED.value
    NOTHING = "nothing"  # in sync, deferred, or another worker holds it
    DEFERRED = "deferred"  # parked until Zoom lets us in again (not_before)
    LEASE_LOST = "lease_lost"  # another worker took the meeting over


@dataclass
class Snapshot:
    """The row as claimed: what Zoom should hold at `version`."""

    pk: int
    version: int
    wanted: str
    host: str
    marker: UUID
    desired: dict
    ends_at: datetime
    zoom_meeting_id: str | None
    zoom_state: dict
    create_attempted: bool
    has_former_meetings: bool


@dataclass
class Convergence:
    """What converging a meeting came to: the status to write back, Zoom's facts, the reason."""

    status: str
    facts: dict = field(default_factory=dict)
    error: str = ""


def meeting_sync(*, meeting_id: int, worker_id: str) -> SyncResult:
    """Converge one meeting; returns what happened. Raises RetryLater on transient failure."""
    try:
        return _sync(meeting_id=meeting_id, worker_id=worker_id)
    except (OperationalError, InterfaceError) as exc:
        # The database connection dropped mid-sync: let the lease go if the database answers
        # again at once, and retry; the retry (same task id) takes its own lease back anyway.
        logger.warning("meeting %s: database connection lost; retrying", meeting_id)
        connection.close()
        with suppress(OperationalError, InterfaceError):
            lease_release(meeting_id=meeting_id, worker_id=worker_id)
        raise RetryLater() from exc


def meeting_sync_abandon(*, meeting_id: int, worker_id: str) -> None:
    """The task ran out of time: let the meeting go for the retry (or another worker)."""
    lease_release(meeting_id=meeting_id, worker_id=worker_id)


def _sync(*, meeting_id: int, worker_id: str) -> SyncResult:
    for _round in range(MAX_ROUNDS):
        snapshot = _claim(meeting_id=meeting_id, worker_id=worker_id)
        if snapshot is None:
            return SyncResult.NOTHING
        client = zoom_client(observer=sync_attempt_recorder(meeting_id, worker_id))
        try:
            outcome = _converge(client, snapshot, worker_id)
        except LeaseLost:
            # The worker that holds the lease now converges the meeting; acting too would race it.
            logger.warning("meeting %s: lease lost to another worker; leaving it", meeting_id)
            return SyncResult.LEASE_LOST
        except ZoomTransientError as exc:
            if _is_long_wait(exc):
                if _moved_for_budget(snapshot, worker_id, exc):
                    continue  # the next round creates it on the new host
                return _defer(snapshot, worker_id, exc)
            return _retry_or_fail(snapshot, worker_id, exc)
        except ZoomPermanentError as exc:
            outcome = Convergence(status=Meeting.Status.FAILED, error=_zoom_refused(exc))
        if _write_back(snapshot, worker_id, outcome):
            logger.info(
                "meeting %s is %s at version %s", meeting_id, outcome.status, snapshot.version
            )
            if snapshot.has_former_meetings:
                former_meetings_delete(meeting_id=meeting_id)
            if snapshot.create_attempted and not snapshot.zoom_meeting_id:
                # A create whose answer never came preceded this one (or this adoption, or
                # this cancel): Zoom may still make that meeting. Look for it for a while.
                dispatch_on_commit(SWEEP_DUPLICATES, object_id=meeting_id, meeting_id=meeting_id)
            return SyncResult(outcome.status)
    lease_release(meeting_id=meeting_id, worker_id=worker_id)
    raise RetryLater()


def _claim(*, meeting_id: int, worker_id: str) -> Snapshot | None:
    m = lease_claim(meeting_id=meeting_id, worker_id=worker_id)
    if m is None:
        return None
    return Snapshot(
        pk=m.pk,
        version=m.version,
        wanted=m.wanted,
        host=m.host,
        marker=m.marker,
        desired=desired_fields_of(m),
        ends_at=m.ends_at,
        zoom_meeting_id=m.zoom_meeting_id,
        zoom_state=m.zoom_state,
        create_attempted=m.create_attempted_at is not None,
        has_former_meetings=m.has_former_meetings,
    )


def _converge(client: ZoomClient, snap: Snapshot, worker_id: str) -> Convergence:
    if snap.wanted == Meeting.Wanted.GONE:
        return _converge_gone(client, snap, worker_id)
    if snap.zoom_meeting_id:
        changes = changed_fields(desired=snap.desired, held=snap.zoom_state)
        if not changes:
            return Convergence(status=Meeting.Status.READY)
        _hold(snap, worker_id)
        try:
            client.update_meeting(meeting_id=snap.zoom_meeting_id, host=snap.host, body=changes)
        except ZoomNotFound:
            # Deleted in Zoom behind our back: make it again (a new link is the only way). Look
            # first: an earlier re-create whose answer was lost may have made it already.
            logger.warning("meeting %s vanished from Zoom; creating it again", snap.pk)
            return _create(client, snap, worker_id, look_up_first=True)
        return Convergence(status=Meeting.Status.READY, facts={"zoom_state": snap.desired})
    if snap.ends_at <= timezone.now():
        return Convergence(
            status=Meeting.Status.FAILED,
            error=_("The appointment's time passed before its Zoom meeting could be made."),
        )
    return _create(client, snap, worker_id, look_up_first=snap.create_attempted)


def _converge_gone(client: ZoomClient, snap: Snapshot, worker_id: str) -> Convergence:
    zoom_id = snap.zoom_meeting_id
    if not zoom_id and snap.create_attempted:
        found = _find_by_marker(client, snap)
        zoom_id = str(found["id"]) if found else None
    if zoom_id:
        _hold(snap, worker_id)
        with suppress(ZoomNotFound):  # already gone: that is what we wanted
            client.delete_meeting(meeting_id=zoom_id)
    return Convergence(status=Meeting.Status.DELETED, facts={"start_url": "", "zoom_state": {}})


def _create(
    client: ZoomClient, snap: Snapshot, worker_id: str, *, look_up_first: bool
) -> Convergence:
    """Create, unless a create whose answer was lost already made the meeting: adopt that one."""
    answer = _find_by_marker(client, snap) if look_up_first else None
    if answer is not None:
        logger.info("meeting %s: adopting Zoom meeting made by an earlier attempt", snap.pk)
        answer = client.get_meeting(meeting_id=str(answer["id"]))
    else:
        # Recorded before the call: if its answer is lost, the next attempt looks before it leaps.
        _hold(snap, worker_id, create_attempted_at=timezone.now())
        try:
            answer = client.create_meeting(
                host=snap.host, body=create_body(desired=snap.desired, marker=snap.marker)
            )
        except ZoomPermanentError:
            if not snap.create_attempted:
                # Zoom answered, so this create made nothing, and none came before it: a cancel
                # or a resync has nothing to look for (and a resync may take another host).
                Meeting.objects.filter(pk=snap.pk).update(create_attempted_at=None)
            raise
    facts = _facts_from(answer)
    changes = changed_fields(desired=snap.desired, held=facts["zoom_state"])
    if changes:
        _hold(snap, worker_id)
        client.update_meeting(meeting_id=facts["zoom_meeting_id"], host=snap.host, body=changes)
        facts["zoom_state"] = snap.desired
    return Convergence(status=Meeting.Status.READY, facts=facts)


def _hold(snap: Snapshot, worker_id: str, **fields) -> None:
    lease_hold(meeting_id=snap.pk, worker_id=worker_id, **fields)


def _find_by_marker(client: ZoomClient, snap: Snapshot) -> dict | None:
    """The meeting an earlier create of this row made, found by the marker in its agenda.

    The host's whole listing is read, never cut short at the row's start: that create made its
    meeting at the start the row had then, and a reschedule since can list it after meetings
    that start later than the row's new time. Stopping there missed it and made a second Zoom
    meeting for the row. The cost, a request per page of the host's meetings, is paid only when
    an earlier create may have gone unanswered.
    """
    for listed in client.list_meetings(host=snap.host):
        if marker_in(listed.get("agenda")) == snap.marker:
            return listed
    return None


def _facts_from(answer: dict) -> dict:
    return {
        "zoom_meeting_id": str(answer["id"]),
        "zoom_uuid": answer.get("uuid", ""),
        "join_url": answer.get("join_url", ""),
        "start_url": answer.get("start_url", ""),
        "start_url_issued_at": timezone.now(),
        "password": answer.get("password", ""),
        "host_email": answer.get("host_email", ""),
        "zoom_host_id": answer.get("host_id", ""),
        "zoom_state": held_fields(answer),
    }


@transaction.atomic
def _write_back(snap: Snapshot, worker_id: str, outcome: Convergence) -> bool:
    """Write back and, in the same transaction, record the platform event it makes."""
    written = lease_write_back(
        meeting_id=snap.pk,
        worker_id=worker_id,
        version=snap.version,
        host=snap.host,
        status=outcome.status,
        error=outcome.error,
        facts=outcome.facts,
    )
    if written:
        platform_events_after_sync(meeting_id=snap.pk, status=outcome.status)
    return written


def _retry_or_fail(snap: Snapshot, worker_id: str, exc: ZoomTransientError) -> SyncResult:
    if snap.wanted == Meeting.Wanted.EXISTS and snap.ends_at <= timezone.now():
        _write_back(
            snap,
            worker_id,
            Convergence(
                status=Meeting.Status.FAILED,
                error=_(
                    "The appointment's time passed while Zoom was unreachable "
                    "(HTTP %(status)s): %(error)s"
                )
                % {"status": exc.http_status or "-", "error": exc.message},
            ),
        )
        return SyncResult.FAILED
    lease_release(meeting_id=snap.pk, worker_id=worker_id, last_error=_zoom_unreachable(exc))
    raise RetryLater(retry_after=exc.retry_after) from exc


def _is_long_wait(exc: ZoomTransientError) -> bool:
    """Zoom's daily cap, or a Retry-After beyond our backoff cap: a wait for the reconciler."""
    daily = isinstance(exc, ZoomRateLimited) and exc.daily
    return daily or (exc.retry_after or 0) > settings.LUNOVA_RETRY_BACKOFF_MAX


def _moved_for_budget(snap: Snapshot, worker_id: str, exc: ZoomTransientError) -> bool:
    """The host spent today's requests (the limiter's count, or Zoom's daily 429) on a create
    not yet sent: its pool seat moves to a host with requests left, when one is free."""
    return (
        isinstance(exc, ZoomRateLimited)
        and exc.daily
        and snap.wanted == Meeting.Wanted.EXISTS
        and not snap.zoom_meeting_id
        and not snap.create_attempted
        and meeting_move_for_budget(meeting_id=snap.pk, worker_id=worker_id, spent_host=snap.host)
    )


def _defer(snap: Snapshot, worker_id: str, exc: ZoomTransientError) -> SyncResult:
    """Park the work until Zoom lets us in again (not_before); the reconciler publishes it then.

    Parked rather than retried with a long countdown: a countdown must stay far below the
    broker's visibility timeout, and a worker should not hold a message for hours.
    """
    not_before = timezone.now() + timedelta(seconds=exc.retry_after or 60)
    context = {"when": not_before.strftime("%Y-%m-%d %H:%M"), "error": exc.message}
    if isinstance(exc, ZoomRateLimited) and exc.daily:
        reason = _("Zoom's daily limit of meeting creates and updates for this host is reached")
    else:
        reason = _("Zoom asked for a pause (%(error)s)") % context
    context["reason"] = reason
    if snap.wanted == Meeting.Wanted.EXISTS and not_before >= snap.ends_at:
        error = _("%(reason)s until %(when)s UTC, after the appointment ends.") % context
        _write_back(snap, worker_id, Convergence(status=Meeting.Status.FAILED, error=error))
        return SyncResult.FAILED
    lease_release(
        meeting_id=snap.pk,
        worker_id=worker_id,
        last_error=_("%(reason)s; the meeting is deferred until %(when)s UTC.") % context,
        not_before=not_before,
    )
    logger.info("meeting %s deferred until %s", snap.pk, not_before.isoformat())
    return SyncResult.DEFERRED


def _zoom_refused(exc: ZoomPermanentError) -> str:
    if isinstance(exc, ZoomScopeMissing):
        # Configuration, not the meeting: the same call fails until the app is given the scope.
        scopes = ", ".join(str(scope_named(scope)) for scope in exc.scopes) or "?"
        return _(
            "Zoom refused the call (code 4711): the Server-to-Server app lacks the scope "
            "%(scopes)s. Add it on the app's Scopes page in the Zoom App Marketplace, then resync."
        ) % {"scopes": scopes}
    return _("Zoom refused the request (HTTP %(status)s, code %(code)s): %(message)s") % {
        "status": exc.http_status or "-",
        "code": exc.code if exc.code is not None else "-",
        "message": exc.message,
    }


def _zoom_unreachable(exc: ZoomTransientError) -> str:
    return _("Zoom is unavailable for now (HTTP %(status)s); retrying: %(message)s") % {
        "status": exc.http_status or "-",
        "message": exc.message,
    }
