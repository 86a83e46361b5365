"""The series' calendar: one event per session with the UID and SEQUENCE of that session's own
invite, a cancelled session STATUS:CANCELLED; read back with icalendar."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from zoom_worker.appointments.services import appointment_cancel, appointment_update
from zoom_worker.models import Appointment
from zoom_worker.series.services import series_create

pytestmark = pytest.mark.django_db


def events(answer) -> list:
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(answer.content).walk("VEVENT")


def test_each_session_is_its_own_invite_and_a_cancelled_one_says_so(api, expert, client_user):
    # given a three-session series, the second moved once and the third cancelled
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    series = series_create(expert=expert, client=client_user, start_time=start, count=3)
    first, second, third = Appointment.objects.filter(series=series).order_by("series_index")
    appointment_update(appointment=second, start_time=second.start_time + timedelta(hours=1))
    appointment_cancel(appointment=third)
    # when the client reads the series' calendar
    calendar = events(api(client_user).get(f"/api/v1/series/{series.pk}/calendar.ics"))
    # then it holds one event per session, each as that session's own invite says it
    assert len(calendar) == 3
    for event, session in zip(calendar, (first, second, third), strict=True):
        [own] = events(api(client_user).get(f"/api/v1/appointments/{session.pk}/calendar.ics"))
        assert (str(event["UID"]), event["SEQUENCE"]) == (str(own["UID"]), own["SEQUENCE"])
        assert event.decoded("DTSTART") == own.decoded("DTSTART")
    # and the moved one's sequence went up, the cancelled one is cancelled
    assert calendar[1]["SEQUENCE"] > calendar[0]["SEQUENCE"]
    assert [str(e["STATUS"]) for e in calendar] == ["TENTATIVE", "TENTATIVE", "CANCELLED"]
