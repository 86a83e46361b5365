"""GET /api/v1/appointments/{id}/calendar.ics: the invite a participant adds to a calendar."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import ZOOM_FACTS, ready_appointment
from zoom_worker.appointments.services import appointment_cancel, appointment_update

ISTANBUL = ZoneInfo("Europe/Istanbul")


def url(appointment) -> str:
    return f"/api/v1/appointments/{appointment.pk}/calendar.ics"


def invite(api, user, appointment):
    response = api(user).get(url(appointment))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    return response, event


@pytest.fixture
def appointment(expert, client_user):
    start = datetime(2031, 1, 15, 13, 0, tzinfo=ISTANBUL)
    return ready_appointment(expert=expert, client=client_user, start_time=start, duration=50)


@pytest.mark.django_db
def test_both_participants_get_the_event_in_istanbul_time(api, expert, client_user, appointment):
    for user in (expert, client_user):
        # when a participant downloads the invite
        response, event = invite(api, user, appointment)
        # then it describes the meeting in Europe/Istanbul with its Zoom join link
        assert event["UID"] == f"appointment-{appointment.pk}@lunova"
        assert event["SUMMARY"] == appointment.meeting.topic
        assert event["DTSTART"].params["TZID"] == "Europe/Istanbul"
        assert event.decoded("DTSTART") == datetime(2031, 1, 15, 13, 0, tzinfo=ISTANBUL)
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=50)
        assert event["URL"] == ZOOM_FACTS["join_url"]
        assert event["STATUS"] == "TENTATIVE"
        assert event["SEQUENCE"] == appointment.meeting.version
        assert (
            b"BEGIN:VTIMEZONE" in response.content and b"TZID:Europe/Istanbul" in response.content
        )


@pytest.mark.django_db
def test_nothing_private_is_in_it(api, expert, appointment):
    # given notes and a host link stored with the appointment
    appointment.notes = "Danışanın özel notu"
    appointment.save()
    # when the expert downloads the invite
    response, _event = invite(api, expert, appointment)
    body = response.content.decode()
    # then neither the host's start link nor the notes nor the client's name are in it
    assert "zak=" not in body and ZOOM_FACTS["start_url"] not in body
    assert "özel notu" not in body
    assert "Mehmet" not in body and "mehmet@example.com" not in body


@pytest.mark.django_db
def test_a_reschedule_keeps_the_uid_and_raises_the_sequence(api, expert, appointment):
    _response, before = invite(api, expert, appointment)
    # when the appointment moves to another day
    appointment_update(appointment=appointment, start_time=timezone.now() + timedelta(days=9))
    _response, after = invite(api, expert, appointment)
    # then the calendar updates the same event
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") != before.decoded("DTSTART")


@pytest.mark.django_db
def test_a_cancelled_appointment_is_cancelled_in_the_calendar(api, client_user, appointment):
    _response, before = invite(api, client_user, appointment)
    # when it is cancelled
    appointment_cancel(appointment=appointment)
    _response, after = invite(api, client_user, appointment)
    # then the same event says so, one sequence on, with no link to join
    assert after["STATUS"] == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert "URL" not in after


@pytest.mark.django_db
def test_others_get_404_and_anonymous_callers_401(api, other_expert, other_client, appointment):
    for user in (other_expert, other_client):
        assert api(user).get(url(appointment)).status_code == 404
    response = api(None).get(url(appointment), HTTP_ACCEPT="text/calendar")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
