"""Writes to a meeting's desired state. Each change Zoom must see bumps `version` and publishes.

Used by the appointment services and by the seed's standalone meeting endpoint.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.core.connections import zoom_client
from zoom_worker.core.dispatch import dispatch_on_commit
from zoom_worker.core.errors import Conflict, Unavailable
from zoom_worker.core.task_names import SYNC_MEETING
from zoom_worker.meetings.payloads import changed_fields, desired_fields_of
from zoom_worker.meetings.validation import (
    required_topic,
    validate_duration,
    validate_start_time,
)
from zoom_worker.models import FormerZoomMeeting, Meeting, ZoomHost
from zoom_worker.pool.seats import (
    host_seat_free,
    host_seat_rebalance,
    host_seat_retime,
    host_seat_take,
)
from zoom_worker.zoom.errors import ZoomError, ZoomNotFound

logger = logging.getLogger(__name__)


class MeetingConflict(Conflict):
    """The meeting cannot do that in its state (cancelled, not failed, not ready): a 409."""


class ZoomUnavailable(Unavailable):
    """The one synchronous call (start/) could not reach Zoom: a 503 with this message."""


def meeting_host_for(owner) -> str:
    """The Zoom user a meeting outside the pool is made under."""
    return owner.zoom_user or settings.ZOOM_HOST_USER


def meeting_add(
    *, owner, topic: str, start_time: datetime, duration: int | None, standalone: bool = False
) -> Meeting:
    """Save a new meeting that Zoom should hold and publish it once the caller's transaction
    commits (the caller runs this inside that transaction).

    With the pool on, an expert without a Zoom user of their own gets a pool host's free seat
    here, or NoHostFree (and the caller's transaction writes nothing).
    """
    duration = settings.ZOOM_DEFAULT_DURATION if duration is None else duration
    validate_start_time(start_time)
    validate_duration(duration)
    meeting = Meeting(
        owner=owner,
        host=meeting_host_for(owner),
        topic=topic,
        start_time=start_time,
        duration=duration,
        timezone=settings.ZOOM_TIMEZONE,
        standalone=standalone,
    )
    if owner.zoom_user:
        meeting.save()  # experts' own Zoom users serve only them and are never pool hosts
    else:
        host_seat_take(meeting=meeting)
    _publish(meeting)
    return meeting


def _publish(meeting: Meeting) -> None:
    dispatch_on_commit(SYNC_MEETING, object_id=meeting.pk, meeting_id=meeting.pk)


def meeting_apply_changes(*, meeting: Meeting, changes: dict) -> bool:
    """Apply desired-state changes; bump the version and publish when Zoom must see them.

    Runs inside the caller's transaction, on a row the caller locked.
    """
    if meeting.wanted == Meeting.Wanted.GONE:
        raise MeetingConflict(
            _("This meeting was cancelled and can no longer be changed."), code="cancelled"
        )
    if "start_time" in changes:
        validate_start_time(changes["start_time"])
    if "duration" in changes:
        validate_duration(changes["duration"])
    changed = {k: v for k, v in changes.items() if getattr(meeting, k) != v}
    if not changed:
        return False
    for field, value in changed.items():
        setattr(meeting, field, value)
    if meeting.pool_host_id is not None and {"start_time", "duration"} & changed.keys():
        taken = host_seat_retime(meeting=meeting)
        if taken is not None and taken.moved:
            _move_to_host(meeting, taken.host)
    _save_pending(meeting)
    return True


def _move_to_host(meeting: Meeting, host: ZoomHost) -> None:
    """Zoom cannot move a meeting between hosts: the worker makes it anew on `host` (a new link)
    and, once that is written back, deletes the one left on the old host, recorded here in the
    same transaction so that a crash cannot leave it behind."""
    if meeting.zoom_meeting_id or meeting.create_attempted_at or meeting.lease_owner:
        # Without a Zoom id (a create in flight, or its answer lost) it is found by its marker.
        FormerZoomMeeting.objects.create(
            meeting=meeting, host=meeting.host, zoom_meeting_id=meeting.zoom_meeting_id or ""
        )
    meeting.forget_zoom_facts()
    # Nothing to look for on the new host: the create there is the first.
    meeting.create_attempted_at = None
    meeting.give_pool_host(host)


def meeting_mark_gone(*, meeting: Meeting) -> None:
    """Zoom should no longer hold this meeting; the worker deletes it."""
    if meeting.wanted == Meeting.Wanted.GONE:
        return
    meeting.wanted = Meeting.Wanted.GONE
    host_seat_free(meeting=meeting)
    _save_pending(meeting)


def _save_pending(meeting: Meeting) -> None:
    """Save a change Zoom must see: bump the version (in SQL, so no bump is ever lost), publish."""
    meeting.version = F("version") + 1
    meeting.status = Meeting.Status.PENDING
    meeting.last_error = ""
    meeting.not_before = None
    meeting.save()
    meeting.refresh_from_db(fields=["version", "updated_at"])
    _publish(meeting)


@transaction.atomic
def standalone_meeting_create(
    *, owner, topic: str, start_time: datetime, duration: int | None = None
) -> Meeting:
    """The seed endpoint's standalone meeting."""
    return meeting_add(
        owner=owner,
        topic=required_topic(topic),
        start_time=start_time,
        duration=duration,
        standalone=True,
    )


@transaction.atomic
def standalone_meeting_update(*, meeting: Meeting, changes: dict) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if "topic" in changes:
        changes = {**changes, "topic": required_topic(changes["topic"])}
    meeting_apply_changes(meeting=meeting, changes=changes)
    return meeting


@transaction.atomic
def standalone_meeting_delete(*, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_mark_gone(meeting=meeting)
    return meeting


def _lock_if_live(*, meeting: Meeting, zoom_meeting_id: str) -> Meeting | None:
    """The row, locked, if it still wants a meeting and still holds that Zoom id."""
    return (
        Meeting.objects.select_for_update()
        .filter(pk=meeting.pk, zoom_meeting_id=zoom_meeting_id, wanted=Meeting.Wanted.EXISTS)
        .first()
    )


@transaction.atomic
def meeting_mark_for_recreation(*, meeting: Meeting, zoom_meeting_id: str) -> bool:
    """Zoom lost the meeting (deleted outside Lunova): forget it, so the worker makes a new one.

    Acts only while the row still holds that Zoom id and still wants a meeting, so a loss reported
    twice (a webhook delivered again, start/ racing the webhook) re-creates the meeting once.
    """
    meeting = _lock_if_live(meeting=meeting, zoom_meeting_id=zoom_meeting_id)
    if meeting is None:
        return False
    meeting.forget_zoom_facts()
    # The lost meeting cannot be adopted again: the worker creates without a marker lookup.
    meeting.create_attempted_at = None
    _save_pending(meeting)
    logger.info("meeting %s is gone from Zoom; marked for re-creation", meeting.pk)
    return True


@transaction.atomic
def meeting_note_zoom_change(*, meeting: Meeting, zoom_meeting_id: str, held: dict) -> bool:
    """Someone changed the meeting in Zoom: record what Zoom holds now, so the worker PATCHes
    the row's values back. `held` has some of the synced fields, in `desired_fields` form.

    Nothing happens when Zoom already holds the row's values (the echo of our own PATCH).
    """
    meeting = _lock_if_live(meeting=meeting, zoom_meeting_id=zoom_meeting_id)
    if meeting is None:
        return False
    zoom_state = {**meeting.zoom_state, **held}
    if not changed_fields(desired=desired_fields_of(meeting), held=zoom_state):
        return False
    meeting.zoom_state = zoom_state
    _save_pending(meeting)
    logger.info("meeting %s was changed in Zoom; its values are sent back", meeting.pk)
    return True


@transaction.atomic
def meeting_resync(*, meeting: Meeting) -> Meeting:
    """Put a failed meeting back in the worker's hands."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.FAILED:
        raise MeetingConflict(
            _("Only a failed meeting can be synchronised again."), code="not_failed"
        )
    never_made = meeting.zoom_meeting_id is None and meeting.create_attempted_at is None
    if never_made and meeting.pool_host_id is None:
        # Zoom never made it (it refused the create): it takes the expert's host as it is now,
        # e.g. the Zoom user fixed after Zoom did not know the old one. A pool meeting keeps
        # the host whose seat it holds.
        meeting.host = meeting_host_for(meeting.owner)
    _save_pending(meeting)
    return meeting


@transaction.atomic
def meeting_move_for_budget(*, meeting_id: int, worker_id: str, spent_host: str) -> bool:
    """A create not yet sent whose pool host has spent today's requests moves to another active
    host with requests left and a free seat at its time. False when none has (it is deferred).

    Only the worker holding the lease, only while Zoom holds nothing of it yet.
    """
    meeting = (
        Meeting.objects.select_for_update()
        .filter(
            pk=meeting_id,
            lease_owner=worker_id,
            host=spent_host,
            wanted=Meeting.Wanted.EXISTS,
            zoom_meeting_id__isnull=True,
            pool_host__isnull=False,
        )
        .select_related("owner")
        .first()
    )
    if meeting is None:
        return False
    host = host_seat_rebalance(meeting=meeting)
    if host is None:
        return False
    _move_to_host(meeting, host)
    meeting.save()
    logger.info("meeting %s moved to a pool host with requests left today", meeting.pk)
    return True


def meeting_start_url(*, meeting: Meeting) -> str:
    """A fresh host link from Zoom: the API's one synchronous Zoom call (bounded timeout)."""
    if not meeting.is_joinable:
        raise MeetingConflict(_("The Zoom meeting is not ready yet."), code="not_ready")
    try:
        answer = zoom_client().get_meeting(meeting_id=meeting.zoom_meeting_id)
    except ZoomNotFound as exc:
        meeting_mark_for_recreation(meeting=meeting, zoom_meeting_id=meeting.zoom_meeting_id)
        raise MeetingConflict(
            _("The Zoom meeting no longer exists; it is being recreated."), code="not_ready"
        ) from exc
    except ZoomError as exc:
        logger.warning("start link for meeting %s failed: %s", meeting.pk, exc.message)
        raise ZoomUnavailable(_("Zoom could not be reached; please try again shortly.")) from exc
    start_url = answer.get("start_url")
    if not isinstance(start_url, str) or not start_url:
        logger.warning("start link for meeting %s: Zoom answered without one", meeting.pk)
        raise ZoomUnavailable(_("Zoom could not be reached; please try again shortly."))
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        start_url=start_url, start_url_issued_at=now, updated_at=now
    )
    return start_url
