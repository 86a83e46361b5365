"""Live presence: Zoom's waiting-room and participant webhooks kept as instants, the presence
they make recomputed on each, and the platform told when a client waits with no expert.

Everything is decided from the times in the bodies (see `timeline`), so a repeated or reordered
delivery changes nothing. Called inside the webhook's transaction, under the meeting's row lock.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.attendance.participants import participant_of
from zoom_worker.attendance.selectors import meeting_ended_at
from zoom_worker.core.dispatch import dispatch_on_commit
from zoom_worker.core.task_names import CHECK_EXPERT_LATE
from zoom_worker.events.outbox import platform_event_record
from zoom_worker.models import (
    Meeting,
    ParticipantInterval,
    PlatformEvent,
    Presence,
    WaitingRoomMark,
    WebhookDelivery,
)
from zoom_worker.presence.selectors import (
    expert_late_at,
    presence_answer,
    presences_expert_late_due,
)
from zoom_worker.presence.timeline import MEETING, WAITING, Mark, presence_after
from zoom_worker.zoom.times import zoom_time

logger = logging.getLogger(__name__)

# The longest countdown left to the broker; a wait further ahead (a client in the waiting room
# long before the start) is found by beat's look every 15 seconds.
COUNTDOWN_MAX = 15 * 60

# A webhook handler: applies one delivery to its meeting; None, or why it changed nothing.
Handler = Callable[[Meeting, WebhookDelivery], str | None]


def presence_waiting_room_mark(
    *, meeting: Meeting, delivery: WebhookDelivery, entered: bool
) -> str | None:
    """Record one waiting-room entry or exit (its body's `date_time`); None, or why nothing
    changed."""
    found = participant_of(meeting, delivery.payload, "date_time")
    if found is None:
        return _("The participant object has no participant id or no valid time.")
    key, is_host, at = found
    _lock(meeting)
    _mark, created = WaitingRoomMark.objects.get_or_create(
        meeting=meeting, participant=key, at=at, entered=entered, defaults={"is_host": is_host}
    )
    if not created:
        return _("This waiting-room change is recorded already.")
    presence_refresh(meeting=meeting)
    return None


def presence_refresh(*, meeting: Meeting) -> Presence:
    """Compute the meeting's presence again from every instant known, and tell the platform of
    a wait it was not told of yet (and of a host late by now)."""
    _lock(meeting)
    state = presence_after(_marks(meeting), ended_at=meeting_ended_at(meeting))
    presence, _created = Presence.objects.get_or_create(meeting=meeting)
    presence.host_in_meeting = state.host_in_meeting
    presence.host_joined = state.host_joined
    presence.guests_waiting = state.guests_waiting
    presence.guests_in_meeting = state.guests_in_meeting
    presence.since = state.since
    presence.client_waiting_since = state.client_waiting_since
    waiting = state.client_waiting_since
    # A wait starting no later than the one told of is that wait, seen with an earlier instant
    # that came late: told once.
    if waiting is not None and (
        presence.wait_told_since is None or presence.wait_told_since < waiting
    ):
        presence.wait_told_since = waiting
        platform_event_record(
            meeting=meeting, type=PlatformEvent.Type.CLIENT_WAITING, data=_event_data(presence)
        )
        wait = (expert_late_at(meeting) - timezone.now()).total_seconds()
        if not presence.host_joined and presence.expert_late_at is None and wait <= COUNTDOWN_MAX:
            dispatch_on_commit(
                CHECK_EXPERT_LATE,
                object_id=meeting.pk,
                countdown=max(0.0, wait),
                meeting_id=meeting.pk,
            )
    presence.save()
    return presence


@transaction.atomic
def presence_expert_late_check(*, meeting_id: int) -> bool:
    """Tell the platform, once per meeting, that the host is late: LUNOVA_EXPERT_LATE_MINUTES
    after the start, a client is waiting or in the meeting and the host never joined."""
    meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
    presence = Presence.objects.filter(meeting_id=meeting_id).first()
    now = timezone.now()
    if (
        meeting is None
        or meeting.wanted == Meeting.Wanted.GONE
        or presence is None
        or presence.client_waiting_since is None
        or presence.host_joined
        or presence.expert_late_at is not None
        or now < expert_late_at(meeting)
    ):
        return False
    presence.expert_late_at = now
    presence.save(update_fields=["expert_late_at"])
    platform_event_record(
        meeting=meeting, type=PlatformEvent.Type.EXPERT_LATE, data=_event_data(presence)
    )
    logger.info("meeting %s: the host is late, a client waits", meeting_id)
    return True


def _lock(meeting: Meeting) -> None:
    # Deliveries for one meeting recompute its presence one after another.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()


def _marks(meeting: Meeting) -> list[Mark]:
    marks = [
        Mark(at, WAITING, participant, is_host, entered)
        for participant, is_host, at, entered in WaitingRoomMark.objects.filter(
            meeting=meeting
        ).values_list("participant", "is_host", "at", "entered")
    ]
    stays = ParticipantInterval.objects.filter(meeting=meeting).values_list(
        "participant", "is_host", "joined_at", "left_at"
    )
    for participant, is_host, joined_at, left_at in stays:
        if joined_at is not None:
            marks.append(Mark(joined_at, MEETING, participant, is_host, True))
        if left_at is not None:
            marks.append(Mark(left_at, MEETING, participant, is_host, False))
    return marks


def presences_expert_late_sweep() -> int:
    """Beat's safety net under the countdown each wait sets: a lost message delays the
    `appointment.expert_late` by one beat at most."""
    return sum(
        presence_expert_late_check(meeting_id=meeting_id)
        for meeting_id in presences_expert_late_due(now=timezone.now())
    )


def _event_data(presence: Presence) -> dict:
    answer = presence_answer(presence)
    since: datetime | None = answer["since"]
    # Events carry JSON: UTC with Z, as every other time the platform is told.
    return {**answer, "since": zoom_time(since) if since else None}


def with_presence(handler: Handler) -> Handler:
    """`handler`, then the meeting's presence computed again (its instants may have changed)."""

    def handle(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
        reason = handler(meeting, delivery)
        presence_refresh(meeting=meeting)
        return reason

    return handle


def _waiting_room(*, entered: bool) -> Handler:
    def handle(meeting: Meeting, delivery: WebhookDelivery) -> str | None:
        return presence_waiting_room_mark(meeting=meeting, delivery=delivery, entered=entered)

    return handle


# Zoom's waiting-room events: a participant put in it enters it; admitted or gone, leaves it
# (an admitted participant's `participant_joined` follows, with a session key of its own).
WAITING_ROOM_HANDLERS: dict[str, Handler] = {
    "meeting.participant_joined_waiting_room": _waiting_room(entered=True),
    "meeting.participant_put_in_waiting_room": _waiting_room(entered=True),
    "meeting.participant_admitted": _waiting_room(entered=False),
    "meeting.participant_left_waiting_room": _waiting_room(entered=False),
}
