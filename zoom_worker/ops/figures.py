"""The sync-health figures operators read on the admin's health page: reads only.

Each section is one function of `now` in SECTIONS; the page draws them in order, so a new figure
is one more function appended there.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time
from zoom_worker.models import Meeting, PlatformEvent, SyncAttempt, ZoomCallOutcome
from zoom_worker.ops import fleet
from zoom_worker.presence.selectors import clients_waiting_today
from zoom_worker.zoom.scopes import MISSING_SCOPE_CODE

# Pending meetings by age, counted from when the meeting was booked: (upper bound, label).
AGE_BUCKETS = (
    (timedelta(minutes=1), _("under 1 minute")),
    (timedelta(minutes=5), _("1 to 5 minutes")),
    (timedelta(minutes=30), _("5 to 30 minutes")),
    (timedelta(hours=2), _("30 minutes to 2 hours")),
    (None, _("over 2 hours")),
)
FAILURE_WINDOW = timedelta(hours=24)
CALL_WINDOW_MINUTES = 60


@dataclass
class Row:
    key: str
    label: str
    value: int | float | str
    bar: int | None = None  # the value again, drawn as a bar scaled to the section's largest


@dataclass
class Section:
    slug: str
    title: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    columns: list[int] | None = None  # a time series drawn as columns (oldest first)

    def __post_init__(self):
        largest = max([r.bar for r in self.rows if r.bar is not None] + [0])
        for row in self.rows:
            row.width = round(100 * row.bar / largest) if row.bar and largest else 0
        top = max(self.columns or [0])
        self.column_heights = [round(100 * c / top) if top else 0 for c in self.columns or []]


def meetings_by_status(now: datetime) -> Section:
    counts = fleet.meetings_by_status()
    rows = [
        Row(status.value, status.label, counts.get(status.value, 0), counts.get(status.value, 0))
        for status in Meeting.Status
    ]
    return Section("by-status", _("Meetings by status now"), rows)


def pending_by_age(now: datetime) -> Section:
    booked = fleet.pending_meetings().values_list("created_at", flat=True)
    counts = [0] * len(AGE_BUCKETS)
    for created_at in booked:
        age = now - created_at
        counts[
            next(i for i, (bound, _l) in enumerate(AGE_BUCKETS) if bound is None or age < bound)
        ] += 1
    rows = [
        Row(str(i), label, n, n)
        for i, ((_b, label), n) in enumerate(zip(AGE_BUCKETS, counts, strict=True))
    ]
    return Section(
        "pending-age", _("Pending meetings by age"), rows, _("Age counted from the booking.")
    )


def failures_by_zoom_code(now: datetime) -> Section:
    failed = (
        SyncAttempt.objects.filter(started_at__gte=now - FAILURE_WINDOW)
        .exclude(outcome=ZoomCallOutcome.OK)
        .values_list("zoom_code")
        .annotate(n=Count("id"))
        .order_by("-n", "zoom_code")
    )
    rows = [
        Row(
            str(code) if code is not None else "none",
            _code_label(code),
            n,
            n,
        )
        for code, n in failed
    ]
    return Section(
        "failures-24h",
        _("Failed Zoom calls in the last 24 hours, by Zoom code"),
        rows,
        "" if rows else _("No failed Zoom call."),
    )


def _code_label(code: int | None) -> str:
    if code is None:
        return _("no code")
    if code == MISSING_SCOPE_CODE:
        # The one code an operator fixes in Zoom's Marketplace, not here: say so beside it.
        return _("%(code)s: a scope the Zoom app lacks") % {"code": code}
    return str(code)


def zoom_calls_last_hour(now: datetime) -> Section:
    since = now - timedelta(minutes=CALL_WINDOW_MINUTES)
    started = list(
        SyncAttempt.objects.filter(started_at__gt=since).values_list("started_at", "http_status")
    )
    per_minute = [0] * CALL_WINDOW_MINUTES
    for started_at, _status in started:
        minutes_ago = int((now - started_at).total_seconds() // 60)
        per_minute[CALL_WINDOW_MINUTES - 1 - min(minutes_ago, CALL_WINDOW_MINUTES - 1)] += 1
    limited = sum(1 for _s, status in started if status == 429)
    rows = [
        Row("calls", _("Zoom calls"), len(started)),
        Row("per-minute", _("Zoom calls per minute"), round(len(started) / CALL_WINDOW_MINUTES, 2)),
        Row(
            "share-429",
            _("Share answered 429 (%)"),
            round(100 * limited / len(started), 1) if started else 0,
        ),
    ]
    return Section("calls-hour", _("Zoom calls over the last hour"), rows, columns=per_minute)


def oldest_pending(now: datetime) -> Section:
    oldest_pending = fleet.oldest_pending_meeting()
    if oldest_pending is None:
        return Section("oldest-pending", _("Oldest pending meeting"), note=_("No pending meeting."))
    meeting_id, oldest = oldest_pending
    rows = [
        Row("meeting", _("meeting"), meeting_id),
        Row("minutes", _("minutes since booked"), int((now - oldest).total_seconds() // 60)),
    ]
    return Section("oldest-pending", _("Oldest pending meeting"), rows)


def scheduled_sessions(now: datetime) -> Section:
    """Series sessions beyond the horizon: they hold their seats and wait for no one, so they
    are counted here, apart from the pending meetings a worker owes Zoom."""
    scheduled = Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
    figures = scheduled.aggregate(n=Count("id"), first=Min("start_time"))
    if not figures["n"]:
        return Section("scheduled", _("Series sessions beyond the horizon"), note=_("None."))
    days = settings.LUNOVA_SERIES_HORIZON_DAYS
    rows = [
        Row("count", _("sessions scheduled (no Zoom meeting yet)"), figures["n"]),
        Row(
            "next-made",
            _("next Zoom meeting made on"),
            local_time(figures["first"] - timedelta(days=days)),
        ),
    ]
    note = _("Each is made in Zoom %(days)d days before it starts.") % {"days": days}
    return Section("scheduled", _("Series sessions beyond the horizon"), rows, note=note)


def platform_events_waiting(now: datetime) -> Section:
    """Events the platform has not taken yet, and those it refused for good."""
    counts = fleet.undelivered_events()
    oldest = fleet.oldest_undelivered_event_at()
    rows = [
        Row(state.value, state.label, counts.get(state.value, 0), counts.get(state.value, 0))
        for state in (PlatformEvent.State.PENDING, PlatformEvent.State.FAILED)
    ]
    rows.append(
        Row(
            "oldest-minutes",
            _("minutes the oldest undelivered one has waited"),
            int((now - oldest).total_seconds() // 60) if oldest else 0,
        )
    )
    return Section("platform-events", _("Platform events not delivered"), rows)


def pool_seats(now: datetime) -> Section:
    """Each active pool host's seats held now, of its concurrency, and its meetings today."""
    hosts = fleet.pool_hosts_load(now=now)
    rows = [
        Row(
            host.user,
            str(host),
            _("%(used)d of %(seats)d seats now, %(today)d meeting(s) today")
            % {"used": host.seats_now, "seats": host.concurrency, "today": host.meetings_today},
            host.seats_now,
        )
        for host in hosts
    ]
    note = "" if rows else _("No pool hosts: meetings go to ZOOM_HOST_USER or the expert's own.")
    return Section("pool-seats", _("Zoom host seats"), rows, note=note)


def clients_waiting(now: datetime) -> Section:
    """Today's sessions whose client is waiting (or in the meeting) with no expert there."""
    rows = [
        Row(
            str(presence.meeting.appointment.pk),
            _("appointment %(id)d, starting %(start)s")
            % {
                "id": presence.meeting.appointment.pk,
                "start": timezone.localtime(presence.meeting.start_time).strftime("%H:%M"),
            },
            _("waiting %(minutes)d min: %(waiting)d in the waiting room, %(in)d in the meeting")
            % {
                "minutes": int((now - presence.client_waiting_since).total_seconds() // 60),
                "waiting": presence.guests_waiting,
                "in": presence.guests_in_meeting,
            },
        )
        for presence in clients_waiting_today(now=now)
    ]
    note = "" if rows else _("No client is waiting without an expert.")
    return Section("clients-waiting", _("Clients waiting with no expert today"), rows, note=note)


SECTIONS = [
    meetings_by_status,
    pending_by_age,
    failures_by_zoom_code,
    zoom_calls_last_hour,
    oldest_pending,
    scheduled_sessions,
    platform_events_waiting,
    pool_seats,
    clients_waiting,
]


def sync_health(*, now: datetime | None = None) -> list[Section]:
    now = now or timezone.now()
    return [section(now) for section in SECTIONS]
