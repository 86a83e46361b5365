"""The figures the whole fleet shares, read from the database: the operators' health page and
Prometheus' /metrics both draw them from here, so the two never mean different things by one
figure (what "pending" is, which event is the oldest undelivered, a host's seats in use)."""

from datetime import datetime

from django.db.models import Count, Min, QuerySet

from zoom_worker.models import Meeting, PlatformEvent, ZoomHost


def meetings_by_status() -> dict[str, int]:
    """How many meetings hold each sync status now (every status, 0 where none)."""
    counts = dict(Meeting.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Meeting.Status.values}


def pending_meetings() -> QuerySet[Meeting]:
    """Meetings whose create, update or delete is on its way to Zoom."""
    return Meeting.objects.filter(status=Meeting.Status.PENDING)


def oldest_pending_meeting() -> tuple[int, datetime] | None:
    """The id and booking time of the meeting pending the longest; None when none is."""
    oldest = pending_meetings().aggregate(at=Min("created_at"))["at"]
    if oldest is None:
        return None
    pk = pending_meetings().filter(created_at=oldest).order_by("pk").values_list("pk", flat=True)
    return pk.first(), oldest


def undelivered_events() -> dict[str, int]:
    """Platform events not delivered: how many wait (pending) and how many were refused."""
    counts = dict(
        PlatformEvent.objects.exclude(state=PlatformEvent.State.DELIVERED)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    waiting = (PlatformEvent.State.PENDING, PlatformEvent.State.FAILED)
    return {state.value: counts.get(state.value, 0) for state in waiting}


def oldest_undelivered_event_at() -> datetime | None:
    """When the oldest platform event still waiting for delivery was recorded."""
    pending = PlatformEvent.objects.filter(state=PlatformEvent.State.PENDING)
    return pending.aggregate(at=Min("created_at"))["at"]


def pool_hosts_load(*, now: datetime) -> QuerySet[ZoomHost]:
    """The active pool hosts with their seats in use now and meetings today, in one query."""
    return ZoomHost.objects.active().with_load(now=now).order_by("user")
