"""Cloud recordings of Lunova meetings: deleted in Zoom as soon as Zoom reports one.

Meetings are made with automatic recording off, but a host can still record to the cloud by
hand, and a counselling session must not sit in Zoom's cloud. The delete is a worker's Zoom
call (retried as any, recorded as a Zoom call of the meeting); LUNOVA_KEEP_RECORDINGS turns it
off. Nothing of the recording is stored: the delivery keeps the meeting's identity and time only.
"""

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from zoom_worker.core.connections import zoom_client
from zoom_worker.core.dispatch import dispatch_on_commit
from zoom_worker.core.retry import RetryLater
from zoom_worker.core.task_names import DELETE_RECORDINGS
from zoom_worker.meetings.zoom_calls import sync_attempt_recorder
from zoom_worker.models import Meeting, WebhookDelivery
from zoom_worker.zoom.errors import ZoomNotFound, ZoomTransientError

logger = logging.getLogger(__name__)

# For good, not to Zoom's trash (kept there 30 days): nobody is meant to get it back.
DELETE_ACTION = "delete"


def on_recording_completed(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    """The webhook handler: the delete is sent to a worker once the delivery is recorded."""
    if settings.LUNOVA_KEEP_RECORDINGS:
        return _("Cloud recordings are kept (LUNOVA_KEEP_RECORDINGS).")
    dispatch_on_commit(DELETE_RECORDINGS, object_id=delivery.pk, meeting_id=meeting.pk)
    return None


def meeting_recordings_delete(*, delivery_id: int, task_id: str = "") -> str:
    """Delete the recordings the delivery reports; `deleted`, `none` (Zoom has none: the goal
    is met) or `unknown` (no meeting of this service). A transient failure raises RetryLater."""
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    meeting = Meeting.objects.filter(zoom_meeting_id=delivery.zoom_meeting_id or "-").first()
    if meeting is None:
        return "unknown"
    client = zoom_client(observer=sync_attempt_recorder(meeting.pk, task_id))
    try:
        client.delete_recordings(meeting=_instance(delivery), action=DELETE_ACTION)
    except ZoomNotFound:
        return "none"
    except ZoomTransientError as exc:
        raise RetryLater(retry_after=exc.retry_after) from exc
    logger.info("meeting %s: cloud recordings deleted in Zoom", meeting.pk)
    return "deleted"


def _instance(delivery: WebhookDelivery) -> str:
    """The recorded instance's uuid (a meeting id names only its latest instance)."""
    payload = delivery.payload.get("payload") if isinstance(delivery.payload, dict) else None
    obj = payload.get("object") if isinstance(payload, dict) else None
    uuid = obj.get("uuid") if isinstance(obj, dict) else None
    return uuid if isinstance(uuid, str) and uuid else delivery.zoom_meeting_id
