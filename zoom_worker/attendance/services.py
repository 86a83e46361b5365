"""Whether a consultation took place, from who was in the meeting and when.

`attendance_figures` is a pure function: the same intervals give the same figures whatever order
or however often Zoom reported them, so settling can be repeated safely.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zoom_worker.appointments.services import appointment_mark_ended
from zoom_worker.attendance.selectors import meetings_due_for_attendance
from zoom_worker.core.connections import zoom_client
from zoom_worker.core.dispatch import SETTLE_ATTENDANCE, dispatch_now
from zoom_worker.core.retry import RetryLater
from zoom_worker.events.services import platform_event_appointment_ended
from zoom_worker.meetings.zoom_calls import sync_attempt_recorder
from zoom_worker.models import (
    Appointment,
    Attendance,
    Meeting,
    ParticipantInterval,
    SyncAttempt,
    WebhookDelivery,
)
from zoom_worker.zoom.errors import ZoomPermanentError, ZoomTransientError

logger = logging.getLogger(__name__)


class Outcome:
    HELD = "held"
    CLIENT_NO_SHOW = "client_no_show"
    EXPERT_NO_SHOW = "expert_no_show"
    NOBODY_JOINED = "nobody_joined"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Interval:
    """One stay in the meeting; `left_at` None while Zoom has not said the participant left."""

    participant_id: str
    joined_at: datetime
    left_at: datetime | None = None


@dataclass(frozen=True)
class Figures:
    outcome: str
    expert_joined_at: datetime | None
    client_joined_at: datetime | None
    together_minutes: int


def _union(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(a: list[tuple[datetime, datetime]], b: list[tuple[datetime, datetime]]) -> timedelta:
    total, i, j = timedelta(0), 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            total += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def paired_stays(
    *, joins: Iterable[datetime], leaves: Iterable[datetime]
) -> list[tuple[datetime | None, datetime | None]]:
    """One participant's join and leave instants, paired into stays in time order.

    Each leave closes the stay open before it; a leave with none open is a stay whose join
    never came (None); a join with no leave before the next join stays open (None). A leave and
    a join at the same instant are a leave, then a new join.
    """
    stays: list[tuple[datetime | None, datetime | None]] = []
    open_since: datetime | None = None
    events = sorted([(at, 1) for at in set(joins)] + [(at, 0) for at in set(leaves)])
    for at, is_join in events:
        if is_join:
            if open_since is not None:
                stays.append((open_since, None))
            open_since = at
        else:
            stays.append((open_since, at))
            open_since = None
    if open_since is not None:
        stays.append((open_since, None))
    return stays


def round_minutes(duration: timedelta) -> int:
    """Whole minutes, to the nearest; half a minute rounds up."""
    return int((duration.total_seconds() + 30) // 60)


def attendance_figures(
    *,
    intervals: Iterable[Interval],
    host_id: str,
    ended_at: datetime,
    min_minutes: int,
    participant_data: bool,
) -> Figures:
    """Settle one meeting.

    Presence ends at the latest at `ended_at` (when the meeting ended, or when settling if Zoom
    never said); joins before the scheduled start count. `participant_data` says whether Zoom
    told anything at all (webhooks, or a report, even an empty one): without it the outcome is
    unknown rather than nobody_joined.
    """
    host, guest = [], []
    for interval in set(intervals):
        end = min(interval.left_at or ended_at, ended_at)
        if interval.joined_at > end:
            continue
        is_host = bool(host_id) and interval.participant_id == host_id
        (host if is_host else guest).append((interval.joined_at, end))
    together = round_minutes(_overlap(_union(host), _union(guest)))
    expert_joined_at = min((start for start, _ in host), default=None)
    client_joined_at = min((start for start, _ in guest), default=None)
    if host and guest and together >= min_minutes:
        outcome = Outcome.HELD
    elif host:
        outcome = Outcome.CLIENT_NO_SHOW
    elif guest:
        outcome = Outcome.EXPERT_NO_SHOW
    elif participant_data:
        outcome = Outcome.NOBODY_JOINED
    else:
        outcome = Outcome.UNKNOWN
    return Figures(outcome, expert_joined_at, client_joined_at, together)


# --- Settling -----------------------------------------------------------------------------------
# Transient failures of the participant report before a meeting settles as unknown anyway: the
# task retries with backoff, and the beat may send it again, but Zoom is asked at most this often.
REPORT_ATTEMPTS_MAX = 5
# Meetings whose scheduled end lies further back are left alone: Zoom no longer has their
# report, and a first deployment must not settle (and announce) the whole history.
SETTLE_LOOKBACK = timedelta(days=7)
# The host's stays are told apart from the guests' by this key in the figures.
_HOST = "host"


@dataclass(frozen=True)
class Stay:
    """One stay as recorded (a webhook, or a report row): a leave-only one has no join."""

    participant: str
    is_host: bool
    joined_at: datetime | None
    left_at: datetime | None


def attendance_settle(*, meeting_id: int, task_id: str = "") -> str | None:
    """Settle the meeting's attendance once: the figures, the appointment's end status and the
    `appointment.ended` event, in one transaction. Returns the outcome (None: nothing to settle).

    When no participant webhook came, Zoom's participant report is asked first, outside any
    transaction. A refusal or a 404 settles with what is known; a transient failure raises
    RetryLater until REPORT_ATTEMPTS_MAX calls failed so, then it settles as unknown.
    """
    # A meeting Zoom never held has nothing to settle (and the API relies on that).
    meeting = (
        Meeting.objects.filter(pk=meeting_id, zoom_meeting_id__isnull=False)
        .filter(appointment__isnull=False)
        .exclude(appointment__status=Appointment.Status.CANCELLED)
        .first()
    )
    if meeting is None:
        return None
    settled = Attendance.objects.filter(meeting=meeting).values_list("outcome", flat=True).first()
    if settled is not None:
        return settled
    if _participant_events_in_flight(meeting):
        # meeting.ended can overtake the last participant events in the queue: let them land.
        raise RetryLater(retry_after=1)
    report = None
    if not meeting.intervals.exists():
        report = _participant_report(meeting, task_id=task_id)
    return _settle(meeting_id=meeting_id, report=report)


# A participant delivery still unprocessed after this long waits for the reconciler, not us.
IN_FLIGHT_WAIT = timedelta(minutes=2)


def _participant_events_in_flight(meeting: Meeting) -> bool:
    return WebhookDelivery.objects.filter(
        zoom_meeting_id=meeting.zoom_meeting_id,
        event__startswith="meeting.participant_",
        processed_at__isnull=True,
        received_at__gte=timezone.now() - IN_FLIGHT_WAIT,
    ).exists()


def _participant_report(meeting: Meeting, *, task_id: str) -> list[Stay] | None:
    """Who Zoom's report lists (never their names or e-mails); None when Zoom has no report or
    refuses it."""
    client = zoom_client(observer=sync_attempt_recorder(meeting.pk, task_id))
    try:
        rows = list(client.list_participants_report(meeting_id=meeting.zoom_meeting_id))
    except ZoomPermanentError as exc:  # a 404 (no report) included
        logger.info("meeting %s: no participant report (%s)", meeting.pk, exc.message)
        return None
    except ZoomTransientError as exc:
        tried = SyncAttempt.objects.filter(meeting=meeting, action="report").count()
        if tried < REPORT_ATTEMPTS_MAX:
            raise RetryLater(retry_after=exc.retry_after) from exc
        logger.warning("meeting %s: participant report failed %s times", meeting.pk, tried)
        return None
    return [stay for row in rows if (stay := _report_stay(row, meeting.zoom_host_id))]


def _report_stay(row, host_id: str) -> Stay | None:
    if not isinstance(row, dict) or row.get("status") == "in_waiting_room":
        return None  # someone kept waiting was never in the meeting
    key = row.get("user_id") or row.get("participant_user_id") or row.get("id")
    joined_at, left_at = zoom_instant(row.get("join_time")), zoom_instant(row.get("leave_time"))
    if not key or joined_at is None:
        return None
    is_host = bool(host_id) and str(row.get("id") or "") == host_id
    return Stay(str(key)[:128], is_host, joined_at, left_at)


def zoom_instant(value) -> datetime | None:
    """A time as Zoom's webhooks and reports send it (UTC, with `Z`; one without an offset is
    read as UTC); None when it is missing or not a time."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@transaction.atomic
def _settle(*, meeting_id: int, report: list[Stay] | None) -> str:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("appointment")
        .get(pk=meeting_id)
    )
    settled = Attendance.objects.filter(meeting=meeting).values_list("outcome", flat=True).first()
    if settled is not None:
        return settled  # a settle running beside this one was first
    stays = [
        Stay(i.participant, i.is_host, i.joined_at, i.left_at) for i in meeting.intervals.all()
    ]
    source = Attendance.Source.WEBHOOKS if stays else Attendance.Source.NONE
    if not stays and report is not None:
        stays, source = _report_kept(meeting, report), Attendance.Source.REPORT
    now = timezone.now()
    figures = attendance_figures(
        intervals=_intervals(stays),
        host_id=_HOST,
        ended_at=_ended_at(meeting) or now,
        min_minutes=settings.LUNOVA_ATTENDANCE_MIN_MINUTES,
        participant_data=source != Attendance.Source.NONE,
    )
    attendance = Attendance.objects.create(
        meeting=meeting,
        outcome=figures.outcome,
        expert_joined_at=figures.expert_joined_at,
        client_joined_at=figures.client_joined_at,
        together_minutes=figures.together_minutes,
        source=source,
        settled_at=now,
    )
    appointment = meeting.appointment
    appointment_mark_ended(appointment=appointment, status=_status_after(figures.outcome))
    appointment.refresh_from_db(fields=["status"])
    platform_event_appointment_ended(appointment=appointment, figures=attendance)
    logger.info(
        "meeting %s attendance settled: %s, %s min together (from %s)",
        meeting.pk,
        figures.outcome,
        figures.together_minutes,
        source,
    )
    return figures.outcome


def _report_kept(meeting: Meeting, report: list[Stay]) -> list[Stay]:
    """The report's stays, kept as the meeting's intervals (the admin shows them)."""
    unique = {(stay.participant, stay.joined_at): stay for stay in report}
    ParticipantInterval.objects.bulk_create(
        ParticipantInterval(
            meeting=meeting,
            participant=stay.participant,
            is_host=stay.is_host,
            joined_at=stay.joined_at,
            left_at=stay.left_at,
        )
        for stay in unique.values()
    )
    return list(unique.values())


def _intervals(stays: list[Stay]) -> list[Interval]:
    """The stays for the figures.

    A stay whose leave never came ends at the participant's next join (nobody joins twice
    without leaving), or with the meeting. A leave whose join never came (Zoom lost or never
    sent it) proves the participant was there, not since when: it counts as present at the
    leave instant, with no minutes, so it tells who came without inventing time together.
    """
    intervals = []
    by_participant: dict[str, list[Stay]] = {}
    for stay in stays:
        by_participant.setdefault(stay.participant, []).append(stay)
    for own in by_participant.values():
        joins = sorted(stay.joined_at for stay in own if stay.joined_at is not None)
        for stay in own:
            key = _HOST if stay.is_host else f"guest:{stay.participant}"
            if stay.joined_at is None:
                intervals.append(Interval(key, stay.left_at, stay.left_at))
                continue
            left_at = stay.left_at or next((j for j in joins if j > stay.joined_at), None)
            intervals.append(Interval(key, stay.joined_at, left_at))
    return intervals


def _ended_at(meeting: Meeting) -> datetime | None:
    """When Zoom said the meeting ended (its `meeting.ended`), if it did."""
    reports = WebhookDelivery.objects.filter(
        event="meeting.ended", zoom_meeting_id=meeting.zoom_meeting_id
    )
    ended = reports.order_by("-event_ts").values_list("payload", "event_ts").first()
    if ended is None:
        return None
    payload, event_ts = ended
    obj = (payload.get("payload") or {}).get("object") if isinstance(payload, dict) else None
    end_time = zoom_instant(obj.get("end_time")) if isinstance(obj, dict) else None
    if end_time is None and event_ts is not None:
        end_time = datetime.fromtimestamp(event_ts / 1000, UTC)
    return end_time


def _status_after(outcome: str) -> str:
    held = outcome in (Outcome.HELD, Outcome.UNKNOWN)
    return Appointment.Status.COMPLETED if held else Appointment.Status.NO_SHOW


def attendances_settle_due() -> int:
    """Send a settle for every meeting past its scheduled end by LUNOVA_ATTENDANCE_SETTLE_MINUTES
    that Zoom never reported ended (one query), each to a worker of its own."""
    now = timezone.now()
    due = meetings_due_for_attendance(
        ended_before=now - timedelta(minutes=settings.LUNOVA_ATTENDANCE_SETTLE_MINUTES),
        ended_after=now - SETTLE_LOOKBACK,
    )
    sent = 0
    for meeting_id in due:
        if not dispatch_now(SETTLE_ATTENDANCE, object_id=meeting_id, meeting_id=meeting_id):
            break  # the broker is down: the next run sends them
        sent += 1
    if sent:
        logger.info("attendance: %s meetings due for settling", sent)
    return sent
