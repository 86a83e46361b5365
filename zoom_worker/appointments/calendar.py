"""The calendar invite (iCalendar, RFC 5545) of an appointment, as its participants may see it.

One stable UID per appointment and SEQUENCE = the meeting's version, so a calendar that imported
the invite updates the same event on every reschedule and marks it cancelled after a cancel.
Only what both participants already see goes in: topic, times, the join link and its passcode.
Never the host's start link, and never the notes (calendars are synced to third parties).
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from zoom_worker.models import Appointment

PRODID = "-//Lunova//Lunova Meetings//TR"

_STATUS = {
    Appointment.Status.PENDING: "TENTATIVE",
    Appointment.Status.CANCELLED: "CANCELLED",
}


def appointment_uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@lunova"


def appointment_calendar(*, appointment: Appointment) -> bytes:
    return calendar_of([appointment_event(appointment)])


def appointment_event(appointment: Appointment) -> Event:
    """The appointment's event: the same UID and SEQUENCE in every calendar it is part of."""
    meeting = appointment.meeting
    zone = ZoneInfo(meeting.timezone)
    event = Event()
    event.add("uid", appointment_uid(appointment))
    event.add("sequence", meeting.version)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", max(appointment.updated_at, meeting.updated_at))
    event.add("dtstart", meeting.start_time.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.topic)
    event.add("status", _STATUS.get(appointment.status, "CONFIRMED"))
    join_url = meeting.join_url if meeting.is_joinable else ""
    if join_url:
        event.add("url", join_url)
        event.add("location", join_url)
        lines = [_("Join the Zoom meeting: %(url)s") % {"url": join_url}]
        if meeting.password:
            lines.append(_("Passcode: %(passcode)s") % {"passcode": meeting.password})
        event.add("description", "\n".join(lines))
    return event


def calendar_of(events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
