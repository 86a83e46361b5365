"""Platform events recorded as data: an outbox written in the transaction of the change it
reports, with the meeting's next `sequence`, and sent once that transaction commits.

Delivery is at least once (`delivery`); the reconciler sends again what a lost message left
pending (`resend`).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from zoom_worker.core.dispatch import dispatch_on_commit
from zoom_worker.core.task_names import DELIVER_EVENT
from zoom_worker.events.payloads import appointment_ended_data, meeting_facts
from zoom_worker.models import Attendance, Meeting, PlatformEvent


def events_enabled() -> bool:
    return bool(settings.LUNOVA_EVENTS_URL)


def platform_event_record(
    *, meeting: Meeting, type: str, data: dict, row_locked: bool = False
) -> PlatformEvent | None:
    """Record an event inside the transaction of the change it reports. None when no events URL
    is configured. `row_locked`: that transaction has written the meeting's row already."""
    if not events_enabled():
        return None
    # The meeting's row lock orders the sequence: a second transaction reporting on this meeting
    # waits here until the first commits, then reads its event. A transaction that wrote the
    # row holds the lock already, and its next statement sees what the first committed.
    if not row_locked:
        Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    last = PlatformEvent.objects.filter(meeting=meeting).aggregate(n=Max("sequence"))["n"]
    appointment = getattr(meeting, "appointment", None) if _has_appointment(meeting) else None
    people = [appointment.expert_id, appointment.client_id] if appointment else [meeting.owner_id]
    if _anyone_erased(people):
        # The meeting's changes after an erasure are told without anything that reached them.
        data = PlatformEvent.impersonal(data)
    event = PlatformEvent.objects.create(
        type=type,
        meeting=meeting,
        appointment_id=appointment.pk if appointment else None,
        sequence=(last or 0) + 1,
        data=data,
        next_attempt_at=timezone.now(),
    )
    dispatch_on_commit(DELIVER_EVENT, object_id=str(event.pk), meeting_id=meeting.pk)
    return event


def _anyone_erased(user_ids: list[int]) -> bool:
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=False)
    return any(user.is_erased for user in users.only("username", "is_active"))


def _has_appointment(meeting: Meeting) -> bool:
    try:
        meeting.appointment  # noqa: B018 - a reverse one-to-one raises when there is none
    except Meeting.appointment.RelatedObjectDoesNotExist:
        return False
    return True


def platform_events_after_sync(*, meeting_id: int, status: str) -> None:
    """The events a worker's write-back reports; runs inside the write-back's transaction."""
    if not events_enabled():
        return
    meeting = Meeting.objects.select_related("appointment").get(pk=meeting_id)
    if status == Meeting.Status.READY:
        facts = meeting_facts(meeting)
        told = PlatformEvent.objects.filter(meeting=meeting).order_by("-sequence")
        previous = told.filter(
            type__in=(PlatformEvent.Type.MEETING_READY, PlatformEvent.Type.MEETING_UPDATED)
        ).first()
        if previous is None:
            platform_event_record(
                meeting=meeting, type=PlatformEvent.Type.MEETING_READY, data=facts, row_locked=True
            )
        elif previous == told.first() and all(previous.data.get(k) == v for k, v in facts.items()):
            # Zoom holds what the platform was last told (e.g. a change made in Zoom, put back).
            return
        else:
            changed = previous.data.get("join_url") != meeting.join_url
            platform_event_record(
                meeting=meeting,
                type=PlatformEvent.Type.MEETING_UPDATED,
                data={**facts, "join_url_changed": changed},
                row_locked=True,
            )
    elif status == Meeting.Status.FAILED:
        platform_event_record(
            meeting=meeting,
            type=PlatformEvent.Type.MEETING_FAILED,
            data={"last_error": meeting.last_error},
            row_locked=True,
        )
    elif status == Meeting.Status.DELETED:
        platform_event_record(
            meeting=meeting, type=PlatformEvent.Type.MEETING_DELETED, data={}, row_locked=True
        )


def platform_event_appointment_ended(*, appointment, figures: Attendance) -> PlatformEvent | None:
    """`appointment.ended`, recorded in the transaction that settles the appointment's
    attendance (its status already set)."""
    return platform_event_record(
        meeting=appointment.meeting,
        type=PlatformEvent.Type.APPOINTMENT_ENDED,
        data=appointment_ended_data(appointment=appointment, figures=figures),
    )
