"""Platform events recorded as data: an outbox written in the transaction of the change it
reports, with the meeting's next `sequence`, and sent once that transaction commits.

Delivery is at least once (`delivery`); the reconciler sends again what a lost message left
pending (`resend`).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zoom_worker.events.delivery import platform_event_send
from zoom_worker.events.payloads import appointment_ended_data, meeting_facts
from zoom_worker.models import Attendance, Meeting, PlatformEvent


def events_enabled() -> bool:
    return bool(settings.LUNOVA_EVENTS_URL)


def platform_event_record(*, meeting: Meeting, type: str, data: dict) -> PlatformEvent | None:
    """Record an event inside the transaction of the change it reports. None when no events URL
    is configured."""
    if not events_enabled():
        return None
    # The meeting's row lock orders the sequence: a second transaction reporting on this meeting
    # waits here until the first commits, then reads its event.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    last = PlatformEvent.objects.filter(meeting=meeting).aggregate(n=Max("sequence"))["n"]
    return _record(meeting=meeting, type=type, data=data, sequence=(last or 0) + 1)


def _record(*, meeting: Meeting, type: str, data: dict, sequence: int) -> PlatformEvent:
    appointment = getattr(meeting, "appointment", None) if _has_appointment(meeting) else None
    if _anyone_erased(meeting, appointment):
        # The meeting's changes after an erasure are told without anything that reached them.
        data = PlatformEvent.impersonal(data)
    event = PlatformEvent.objects.create(
        type=type,
        meeting=meeting,
        appointment_id=appointment.pk if appointment else None,
        sequence=sequence,
        data=data,
        next_attempt_at=timezone.now(),
    )
    # Robust: the change is committed whatever the first attempt meets; a failed one leaves the
    # event pending, and the reconciler's resend sends it again.
    transaction.on_commit(lambda: platform_event_send(event=event), robust=True)
    return event


def _anyone_erased(meeting: Meeting, appointment) -> bool:
    """Whether the appointment's expert or client (a standalone meeting's owner) was erased:
    read from the rows the caller loaded with the meeting, else in one query."""
    holder, fields = (appointment, ("expert", "client")) if appointment else (meeting, ("owner",))
    if all(getattr(type(holder), name).is_cached(holder) for name in fields):
        return any(getattr(holder, name).is_erased for name in fields)
    people = [getattr(holder, f"{name}_id") for name in fields]
    users = get_user_model().objects.filter(pk__in=people, is_active=False)
    return any(user.is_erased for user in users.only("username", "is_active"))


def _has_appointment(meeting: Meeting) -> bool:
    try:
        meeting.appointment  # noqa: B018 - a reverse one-to-one raises when there is none
    except Meeting.appointment.RelatedObjectDoesNotExist:
        return False
    return True


def platform_events_after_sync(*, meeting_id: int, status: str) -> None:
    """The events a worker's write-back reports; runs inside the write-back's transaction, which
    holds the meeting's row lock (its UPDATE took it), so the sequence needs no second lock."""
    if not events_enabled():
        return
    meeting = Meeting.objects.select_related(
        "owner", "appointment__expert", "appointment__client"
    ).get(pk=meeting_id)
    told = PlatformEvent.objects.filter(meeting=meeting).order_by("-sequence")
    last = told.first()
    sequence = last.sequence + 1 if last else 1
    if status == Meeting.Status.READY:
        facts = meeting_facts(meeting)
        link_events = (PlatformEvent.Type.MEETING_READY, PlatformEvent.Type.MEETING_UPDATED)
        if last is not None and last.type in link_events:
            previous = last
        else:
            previous = told.filter(type__in=link_events).first() if last else None
        if previous is None:
            _record(
                meeting=meeting,
                type=PlatformEvent.Type.MEETING_READY,
                data=facts,
                sequence=sequence,
            )
        elif previous == last and all(previous.data.get(k) == v for k, v in facts.items()):
            # Zoom holds what the platform was last told (e.g. a change made in Zoom, put back).
            return
        else:
            changed = previous.data.get("join_url") != meeting.join_url
            _record(
                meeting=meeting,
                type=PlatformEvent.Type.MEETING_UPDATED,
                data={**facts, "join_url_changed": changed},
                sequence=sequence,
            )
    elif status == Meeting.Status.FAILED:
        _record(
            meeting=meeting,
            type=PlatformEvent.Type.MEETING_FAILED,
            data={"last_error": meeting.last_error},
            sequence=sequence,
        )
    elif status == Meeting.Status.DELETED:
        _record(
            meeting=meeting, type=PlatformEvent.Type.MEETING_DELETED, data={}, sequence=sequence
        )


def platform_event_appointment_ended(*, appointment, figures: Attendance) -> PlatformEvent | None:
    """`appointment.ended`, recorded in the transaction that settles the appointment's
    attendance (its status already set)."""
    return platform_event_record(
        meeting=appointment.meeting,
        type=PlatformEvent.Type.APPOINTMENT_ENDED,
        data=appointment_ended_data(appointment=appointment, figures=figures),
    )
