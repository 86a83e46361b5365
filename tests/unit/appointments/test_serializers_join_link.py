"""From the moment of cancel nobody is handed a link to join: not while the worker has yet to
delete the Zoom meeting, and not when that delete fails for good."""

import pytest

from zoom_worker.appointments.services import appointment_cancel
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting

APPOINTMENTS = "/api/v1/appointments/"


def links(api, user, appointment) -> dict:
    meeting = api(user).get(f"{APPOINTMENTS}{appointment.pk}/").json()["meeting"]
    return {key: meeting[key] for key in ("join_url", "password", "start_url")}


NO_LINKS = {"join_url": None, "password": None, "start_url": None}


@pytest.mark.django_db
def test_no_link_right_after_cancel(api, expert, client_user, ready_appointment):
    # given a ready meeting whose participants can see its join link
    assert links(api, client_user, ready_appointment)["join_url"]
    # when the appointment is cancelled and the worker has not deleted the Zoom meeting yet
    appointment_cancel(appointment=ready_appointment)
    assert Meeting.objects.get(pk=ready_appointment.meeting_id).zoom_meeting_id
    # then neither participant is handed a link
    assert links(api, client_user, ready_appointment) == NO_LINKS
    assert links(api, expert, ready_appointment) == NO_LINKS


@pytest.mark.django_db
def test_no_link_after_a_delete_that_failed_for_good(
    api, expert, client_user, ready_appointment, sandbox
):
    # given a cancelled appointment whose Zoom delete Zoom refuses for good
    appointment_cancel(appointment=ready_appointment)
    sandbox.set_faults(script=[{"op": "delete", "fault": "400"}])
    meeting_sync(meeting_id=ready_appointment.meeting_id, worker_id="t")
    assert Meeting.objects.get(pk=ready_appointment.meeting_id).status == Meeting.Status.FAILED
    # when the participants read it
    # then no link is handed out, though the Zoom meeting may still exist
    assert links(api, client_user, ready_appointment) == NO_LINKS
    assert links(api, expert, ready_appointment) == NO_LINKS
