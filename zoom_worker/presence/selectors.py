"""Reads of live presence: one meeting's, as the API and the events tell it, and the health
page's list of sessions whose client waits with no expert."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from zoom_worker.models import Appointment, Meeting, Presence

_NOBODY = Presence()


def presence_answer(presence: Presence | None) -> dict:
    """What the platform is told of a meeting's presence: counts and a time, never a name."""
    presence = presence or _NOBODY
    return {
        "host": "in_meeting" if presence.host_in_meeting else "absent",
        "guests_waiting": presence.guests_waiting,
        "guests_in_meeting": presence.guests_in_meeting,
        "since": presence.since,
    }


def presence_of(*, meeting: Meeting) -> Presence | None:
    return Presence.objects.filter(meeting=meeting).first()


def expert_late_at(meeting: Meeting) -> datetime:
    """When a host still absent with a client there is late."""
    return meeting.start_time + timedelta(minutes=settings.LUNOVA_EXPERT_LATE_MINUTES)


def presences_expert_late_due(*, now: datetime) -> list[int]:
    """Ids of the meetings whose host is late now and the platform was not told yet."""
    return list(
        Presence.objects.filter(
            client_waiting_since__isnull=False,
            host_joined=False,
            expert_late_at__isnull=True,
            meeting__start_time__lte=now - timedelta(minutes=settings.LUNOVA_EXPERT_LATE_MINUTES),
            # A session of an earlier day whose end Zoom never reported is over, not late.
            meeting__start_time__gte=now - timedelta(days=1),
        ).values_list("meeting_id", flat=True)
    )


def clients_waiting_today(*, now: datetime | None = None) -> list[Presence]:
    """Today's sessions (in ZOOM_TIMEZONE) whose client is waiting or in the meeting with no
    expert, the longest wait first."""
    zone = ZoneInfo(settings.ZOOM_TIMEZONE)
    midnight = datetime.combine((now or timezone.now()).astimezone(zone).date(), time(), zone)
    return list(
        Presence.objects.filter(
            client_waiting_since__isnull=False,
            meeting__start_time__gte=midnight,
            meeting__start_time__lt=midnight + timedelta(days=1),
            meeting__appointment__isnull=False,
        )
        .exclude(meeting__appointment__status=Appointment.Status.CANCELLED)
        .select_related("meeting__appointment")
        .order_by("client_waiting_since")
    )
