"""Whether a consultation took place, from who was in the meeting and when: pure figures.

`attendance_figures` is a pure function: the same intervals give the same figures whatever order
or however often Zoom reported them, so settling can be repeated safely.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from zoom_worker.models import AttendanceOutcome


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
        outcome = AttendanceOutcome.HELD
    elif host:
        outcome = AttendanceOutcome.CLIENT_NO_SHOW
    elif guest:
        outcome = AttendanceOutcome.EXPERT_NO_SHOW
    elif participant_data:
        outcome = AttendanceOutcome.NOBODY_JOINED
    else:
        outcome = AttendanceOutcome.UNKNOWN
    return Figures(outcome, expert_joined_at, client_joined_at, together)
