"""Zoom meetings left on a former pool host after their meeting moved to another host.

Zoom cannot move a meeting between hosts, so a move makes the meeting anew on the new host; the
move records the old one (a FormerZoomMeeting) in its transaction. The worker deletes it once the
new one is written back; the reconciler deletes what a worker that died left.
"""

import logging
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from zoom_worker.core.connections import zoom_client
from zoom_worker.meetings.payloads import marker_in
from zoom_worker.models import FormerZoomMeeting, Meeting
from zoom_worker.zoom.client import ZoomClient
from zoom_worker.zoom.errors import ZoomError, ZoomNotFound

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200


def former_meetings_delete(*, meeting_id: int) -> int:
    """Delete from Zoom the meetings this meeting left on former hosts; returns how many records
    were settled. A Zoom error leaves the record for the reconciler."""
    formers = FormerZoomMeeting.objects.filter(meeting_id=meeting_id).select_related("meeting")
    formers = list(formers)
    if not formers:
        return 0
    client = zoom_client()
    settled = 0
    for former in formers:
        try:
            zoom_ids = _zoom_ids(client, former)
            if zoom_ids is None:
                continue
            for zoom_id in zoom_ids:
                with suppress(ZoomNotFound):  # already gone: that is what we wanted
                    client.delete_meeting(meeting_id=zoom_id)
        except ZoomError as exc:
            logger.warning("meeting %s: former Zoom meeting kept: %s", meeting_id, exc.message)
            continue
        former.delete()
        settled += 1
    return settled


def _zoom_ids(client: ZoomClient, former: FormerZoomMeeting) -> list[str] | None:
    """The Zoom ids to delete; None while it cannot be told from the meeting's own."""
    meeting = former.meeting
    if former.zoom_meeting_id:
        # Moved back to that host since: its live meeting there is another id.
        return [] if former.zoom_meeting_id == meeting.zoom_meeting_id else [former.zoom_meeting_id]
    if (
        meeting.host == former.host
        and not meeting.zoom_meeting_id
        and meeting.wanted == Meeting.Wanted.EXISTS
    ):
        return None  # back on that host with its create under way: the one found may be it
    return [
        str(listed["id"])
        for listed in client.list_meetings(host=former.host)
        if marker_in(listed.get("agenda")) == meeting.marker
        and str(listed["id"]) != meeting.zoom_meeting_id
    ]


def former_meetings_sweep() -> int:
    """The reconciler's part: former meetings a worker did not delete (it died, Zoom failed)."""
    stale = timezone.now() - timedelta(seconds=settings.LUNOVA_RECONCILE_STALE_AFTER)
    meeting_ids = (
        FormerZoomMeeting.objects.filter(created_at__lte=stale)
        .order_by()
        .values_list("meeting_id", flat=True)
        .distinct()[:SWEEP_BATCH]
    )
    settled = sum(former_meetings_delete(meeting_id=meeting_id) for meeting_id in list(meeting_ids))
    if settled:
        logger.info("reconciler deleted %s former Zoom meetings", settled)
    return settled
