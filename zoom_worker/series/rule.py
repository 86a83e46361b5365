"""When a series' sessions start: a weekly recurrence in local wall-clock time.

Computed with dateutil's rrule on the local time in the series' zone, then each start put back
in UTC: adding seven days to a UTC time would move the local hour by one at every daylight
saving change. A local time that a spring change skips is read with the offset before it (an
hour later on the wall clock), as zoneinfo reads it.
"""

from datetime import UTC, date, datetime, time
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule


def session_starts(
    *,
    anchor: datetime,
    every_weeks: int,
    zone: str,
    skip: int = 0,
    count: int | None = None,
    until: date | None = None,
    limit: int,
) -> list[datetime]:
    """The UTC starts of the rule that starts at `anchor` (aware), from its `skip`-th one on:
    `count` of them, or those on or before the local date `until`; never more than `limit`."""
    tz = ZoneInfo(zone)
    local = anchor.astimezone(tz).replace(tzinfo=None)
    last = datetime.combine(until, time.max) if until is not None else None
    rule = rrule(WEEKLY, interval=every_weeks, dtstart=local, until=last)
    wanted = limit if count is None else min(count, limit)
    return [
        moment.replace(tzinfo=tz).astimezone(UTC) for moment in islice(rule, skip, skip + wanted)
    ]
