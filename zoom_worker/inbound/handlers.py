"""What each Zoom webhook changes: one handler per event, applied to its meeting."""

from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.appointments.services import appointment_mark_started
from zoom_worker.attendance.figures import paired_stays
from zoom_worker.attendance.participants import participant_of
from zoom_worker.core.dispatch import dispatch_on_commit
from zoom_worker.core.task_names import SETTLE_ATTENDANCE
from zoom_worker.events.outbox import platform_event_record
from zoom_worker.inbound.recordings import on_recording_completed
from zoom_worker.inbound.storage import envelope_object
from zoom_worker.meetings.payloads import SYNCED_FIELDS
from zoom_worker.meetings.services import meeting_mark_for_recreation, meeting_note_zoom_change
from zoom_worker.models import (
    Appointment,
    Attendance,
    Meeting,
    ParticipantInterval,
    PlatformEvent,
    WebhookDelivery,
)
from zoom_worker.presence.services import WAITING_ROOM_HANDLERS, with_presence
from zoom_worker.zoom.times import zoom_instant, zoom_time

# Each handler applies one event to its meeting and returns None, or why it changed nothing.
Handler = Callable[[Meeting, WebhookDelivery], str | None]


def _appointment_of(meeting: Meeting) -> Appointment | None:
    return Appointment.objects.filter(meeting=meeting).first()


def _by_our_own_app(delivery: WebhookDelivery) -> bool:
    """Whether Zoom names this service as who made the change (an echo of our own call).

    A Server-to-Server OAuth app acts as one user of the account (the one Zoom shows as the
    `operator` of every change the app makes), so ZOOM_API_OPERATOR names that user by e-mail or
    Zoom user id. The meeting's host is no test: an expert deleting their meeting in Zoom's
    portal is the host too, and that deletion is news.
    """
    ours = settings.ZOOM_API_OPERATOR
    payload = delivery.payload.get("payload") if isinstance(delivery.payload, dict) else None
    if not ours or not isinstance(payload, dict):
        return False
    named = {str(payload.get(key) or "").strip().lower() for key in ("operator", "operator_id")}
    return bool(named & ours)


def _echo() -> str:
    return _("An echo of a change this service made itself.")


def _on_deleted(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    """Deleted in Zoom while Lunova still wants it: make it again. Our own deletion (Zoom names
    our app, or the row no longer wants the meeting) and a meeting whose time is over change
    nothing."""
    if _by_our_own_app(delivery):
        return _echo()
    if meeting.wanted == Meeting.Wanted.GONE:
        return _("This service wants the meeting gone already.")
    appointment = _appointment_of(meeting)
    if appointment is not None and appointment.status in Appointment.ENDED_STATUSES:
        return _("The appointment is over.")
    ended = WebhookDelivery.objects.meeting_ended(zoom_meeting_id=delivery.zoom_meeting_id)
    if meeting.ends_at <= timezone.now() or ended.exists():
        return _("The meeting's time is over.")
    if not meeting_mark_for_recreation(meeting=meeting, zoom_meeting_id=delivery.zoom_meeting_id):
        return _("Already handled.")
    return None


def _on_started(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    appointment = _appointment_of(meeting)
    if appointment is None or not appointment_mark_started(appointment=appointment):
        return _("The appointment has started already, or is over.")
    platform_event_record(meeting=meeting, type=PlatformEvent.Type.APPOINTMENT_STARTED, data={})
    return None


def _on_ended(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    """The meeting ended: its attendance is settled by a worker (settling may ask Zoom for the
    participant report, a call no transaction may wait on), which also closes the appointment."""
    appointment = _appointment_of(meeting)
    if appointment is None or appointment.status == Appointment.Status.CANCELLED:
        return _("The meeting has no appointment that could take place.")
    if Attendance.objects.filter(meeting=meeting).exists():
        return _("The attendance is settled already.")
    dispatch_on_commit(SETTLE_ATTENDANCE, object_id=meeting.pk, meeting_id=meeting.pk)
    return None


def _on_updated(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    if _by_our_own_app(delivery):
        # Acting on it could only undo a later change of ours (the echo of an earlier PATCH).
        return _echo()
    held = _held_fields(envelope_object(delivery.payload))
    if not held or not meeting_note_zoom_change(
        meeting=meeting, zoom_meeting_id=delivery.zoom_meeting_id, held=held
    ):
        return _("Zoom holds this service's values already.")
    return None


def _held_fields(obj: dict) -> dict:
    """The synced fields the event reports, in the form the worker compares (UTC with Z)."""
    held = {key: obj[key] for key in SYNCED_FIELDS if key in obj}
    if "start_time" in held:
        start = zoom_instant(held["start_time"])
        if start is None:
            del held["start_time"]
        else:
            held["start_time"] = zoom_time(start)
    return held


def _malformed() -> str:
    return _("The participant object has no participant id or no valid time.")


def _on_participant_joined(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    return _participant_instant(meeting, delivery, "join_time")


def _on_participant_left(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
    return _participant_instant(meeting, delivery, "leave_time")


def _participant_instant(meeting: Meeting, delivery: WebhookDelivery, time_key: str) -> str | None:
    """Add one join or leave instant to the participant's, and pair them all again into stays.

    The stays are a function of the set of instants, so a repeated delivery (the same instant)
    changes nothing and any delivery order ends in the same rows.
    """
    found = participant_of(meeting, delivery.payload, time_key)
    if found is None:
        return _malformed()
    key, is_host, at = found
    # One participant's rows are rewritten at a time: deliveries for the meeting queue here.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    rows = list(ParticipantInterval.objects.filter(meeting=meeting, participant=key))
    joins = {row.joined_at for row in rows if row.joined_at is not None}
    leaves = {row.left_at for row in rows if row.left_at is not None}
    instants = joins if time_key == "join_time" else leaves
    if at in instants:
        return _("This join or leave is recorded already.")
    instants.add(at)
    is_host = is_host or any(row.is_host for row in rows)
    ParticipantInterval.objects.filter(meeting=meeting, participant=key).delete()
    ParticipantInterval.objects.bulk_create(
        ParticipantInterval(
            meeting=meeting, participant=key, is_host=is_host, joined_at=joined, left_at=left
        )
        for joined, left in paired_stays(joins=joins, leaves=leaves)
    )
    return None


HANDLERS: dict[str, Handler] = {
    "meeting.participant_joined": with_presence(_on_participant_joined),
    "meeting.participant_left": with_presence(_on_participant_left),
    "meeting.deleted": _on_deleted,
    "meeting.started": _on_started,
    "meeting.ended": with_presence(_on_ended),
    "meeting.updated": _on_updated,
    "recording.completed": on_recording_completed,
    **WAITING_ROOM_HANDLERS,
}
