"""Writes to weekly series. Each runs in one transaction with every session it books or changes
(each an ordinary appointment, booked and changed by the appointment services, with its seat):
when any session finds no free host nothing is written, and the refusal lists every such time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zoom_worker.appointments.services import (
    appointment_cancel,
    appointment_create,
    appointment_update,
)
from zoom_worker.core.errors import Conflict
from zoom_worker.meetings.validation import validate_start_time
from zoom_worker.models import Appointment, Series
from zoom_worker.pool.seats import NoHostFree
from zoom_worker.series.models import SESSIONS_MAX, SESSIONS_MIN, SPAN_DAYS_MAX
from zoom_worker.series.rule import session_starts
from zoom_worker.zoom.times import zoom_time

_UNSET = object()
SERIES_CONFLICT_MESSAGE = gettext_lazy(
    "No Zoom host is free at some of the series' times; nothing was booked."
)


class SeriesConflict(Conflict):
    """Sessions at these times found no free host: a 409 listing them, nothing written."""

    def __init__(self, starts: list[datetime]):
        super().__init__(
            str(SERIES_CONFLICT_MESSAGE),
            code="no_host_free",
            conflicts=[zoom_time(moment) for moment in sorted(starts)],
        )


class SeriesCancelled(Conflict):
    def __init__(self):
        super().__init__(_("A cancelled series cannot be changed."), code="cancelled")


@transaction.atomic
def series_create(
    *,
    expert,
    client,
    start_time: datetime,
    duration: int | None = None,
    topic: str | None = None,
    notes: str = "",
    every_weeks: int = 1,
    count: int | None = None,
    until: date | None = None,
) -> Series:
    """Book a series: its first session at `start_time`, the next ones at the same local time
    every `every_weeks` weeks, `count` of them or up to the local date `until`."""
    if (count is None) == (until is None):
        raise ValidationError({"count": _("Give exactly one of count and until.")})
    validate_start_time(start_time)  # before the rule reads it: an absurd date is a 400
    zone = settings.ZOOM_TIMEZONE
    starts = session_starts(
        anchor=start_time,
        every_weeks=every_weeks,
        zone=zone,
        count=count,
        until=until,
        limit=SESSIONS_MAX + 1,
    )
    _check_size(starts, total=len(starts), first=start_time, field="count" if count else "until")
    series = Series.objects.create(
        expert=expert,
        client=client,
        timezone=zone,
        every_weeks=every_weeks,
        count=len(starts),
        until=until,
        anchor_start=start_time,
    )
    _book(series, starts, first_index=1, duration=duration, topic=topic, notes=notes)
    return series


def _check_size(starts: list[datetime], *, total: int, first: datetime, field: str) -> None:
    if total > SESSIONS_MAX:
        message = _("A series holds at most %(n)d sessions.") % {"n": SESSIONS_MAX}
    elif total < SESSIONS_MIN:
        message = _("A series holds at least %(n)d sessions.") % {"n": SESSIONS_MIN}
    elif starts and starts[-1] - first > timedelta(days=SPAN_DAYS_MAX):
        message = _("The last session must start within %(n)d days of the first.") % {
            "n": SPAN_DAYS_MAX
        }
    else:
        return
    raise ValidationError({field: message})


def _book(series: Series, starts: list[datetime], *, first_index: int, prefer_host=None, **fields):
    """Book a session at each start, numbered from `first_index`, each preferring the previous
    session's host; every start that finds no free host is tried and listed."""
    conflicts = []
    host = prefer_host
    for index, start in enumerate(starts, start=first_index):
        try:
            session = appointment_create(
                expert=series.expert,
                client=series.client,
                start_time=start,
                series=series,
                series_index=index,
                prefer_host=host,
                **fields,
            )
        except NoHostFree:  # its savepoint is rolled back; the others are still tried
            conflicts.append(start)
            continue
        host = session.meeting.pool_host or host
    if conflicts:
        raise SeriesConflict(conflicts)


def _locked(series: Series) -> Series:
    locked = Series.objects.select_for_update().select_related("expert", "client")
    series = locked.get(pk=series.pk)
    if series.cancelled:
        raise SeriesCancelled()
    return series


def _ahead(series: Series):
    """The sessions not started and not cancelled, in order."""
    return (
        series.sessions.filter(start_time__gt=timezone.now())
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("meeting")
        .order_by("series_index")
    )


@transaction.atomic
def series_update(
    *,
    series: Series,
    start_time: datetime | object = _UNSET,
    duration: int | object = _UNSET,
    topic: str | object | None = _UNSET,
) -> Series:
    """Change every session ahead that was not moved on its own. `start_time` is the new time of
    the next such session; the later ones follow at the series' interval by their numbers."""
    series = _locked(series)
    sessions = list(_ahead(series).filter(moved_alone=False))
    given = (("duration", duration), ("topic", topic))
    changes = {name: value for name, value in given if value is not _UNSET}
    starts = {}
    if start_time is not _UNSET and sessions:
        validate_start_time(start_time)
        first = sessions[0].series_index
        rule = session_starts(
            anchor=start_time,
            every_weeks=series.every_weeks,
            zone=series.timezone,
            count=sessions[-1].series_index - first + 1,
            limit=SESSIONS_MAX,
        )
        starts = {session.pk: rule[session.series_index - first] for session in sessions}
        series.anchor_start, series.anchor_index = start_time, first
        if start_time > sessions[0].start_time:
            sessions.reverse()  # later first: each moves into room the later ones have left
    conflicts = []
    for session in sessions:
        moved = {"start_time": starts[session.pk]} if starts else {}
        try:
            appointment_update(appointment=session, by_series=True, **changes, **moved)
        except NoHostFree:
            conflicts.append(starts.get(session.pk, session.start_time))
    if conflicts:
        raise SeriesConflict(conflicts)
    series.save()
    return series


@transaction.atomic
def series_cancel(*, series: Series) -> Series:
    """Cancel every session ahead (past ones stay as they were) and the series itself."""
    series = Series.objects.select_for_update().get(pk=series.pk)
    for session in _ahead(series):
        appointment_cancel(appointment=session)
    if not series.cancelled:
        series.cancelled = True
        series.save(update_fields=["cancelled", "updated_at"])
    return series


@transaction.atomic
def series_extend(*, series: Series, count: int) -> Series:
    """Book `count` more sessions after the last by the same rule, with the last session's
    length, topic and notes."""
    series = _locked(series)
    last = series.sessions.select_related("meeting").order_by("-series_index").first()
    first = series.sessions.get(series_index=1).start_time
    starts = session_starts(
        anchor=series.anchor_start,
        every_weeks=series.every_weeks,
        zone=series.timezone,
        skip=series.count + 1 - series.anchor_index,
        count=count,
        limit=SESSIONS_MAX,
    )
    _check_size(starts, total=series.count + count, first=first, field="count")
    _book(
        series,
        starts,
        first_index=series.count + 1,
        prefer_host=last.meeting.pool_host,
        duration=last.meeting.duration,
        topic=None if last.topic_generated else last.meeting.topic,
        notes=last.notes,
    )
    series.count += len(starts)
    if series.until is not None:
        series.until = max(series.until, starts[-1].astimezone(ZoneInfo(series.timezone)).date())
    series.save()
    return series
