"""A series' calendar: each session's own event (the same UID and SEQUENCE as its own invite),
so a calendar that imported either keeps one event per session."""

from zoom_worker.appointments.calendar import appointment_event, calendar_of
from zoom_worker.models import Series


def series_calendar(*, series: Series) -> bytes:
    return calendar_of([appointment_event(session) for session in series.sessions.all()])
