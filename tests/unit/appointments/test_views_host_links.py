"""start_url lets its holder start the meeting as host: only the appointment's expert sees it,
only while its host token lives, and `start/` fetches a fresh one from Zoom (the stand-in)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import START_URL_LIFETIME, Meeting

APPOINTMENTS = "/api/v1/appointments/"


@pytest.fixture
def appointment(ready_appointment):
    return ready_appointment


def start_urls(api, user, appointment) -> dict:
    detail = api(user).get(f"{APPOINTMENTS}{appointment.pk}/").json()
    listed = api(user).get(APPOINTMENTS).json()["results"]
    return {"detail": detail["meeting"]["start_url"], "list": listed[0]["meeting"]["start_url"]}


@pytest.mark.django_db
def test_only_the_expert_sees_the_host_link(api, expert, client_user, appointment):
    # given a ready meeting with a fresh host link
    stored = Meeting.objects.get(pk=appointment.meeting_id).start_url
    assert "zak=" in stored
    # when its expert and its client read the appointment, alone and in their lists
    # then the expert sees the link everywhere and the client nowhere
    assert start_urls(api, expert, appointment) == {"detail": stored, "list": stored}
    assert start_urls(api, client_user, appointment) == {"detail": None, "list": None}
    # and the client still sees how to join
    client_view = api(client_user).get(f"{APPOINTMENTS}{appointment.pk}/").json()
    assert client_view["meeting"]["join_url"]


@pytest.mark.django_db
def test_a_stale_host_link_is_not_served(api, expert, appointment):
    # given a host link issued longer ago than a host token lives
    issued = timezone.now() - (START_URL_LIFETIME + timedelta(seconds=60))
    Meeting.objects.filter(pk=appointment.meeting_id).update(start_url_issued_at=issued)
    # when the expert reads the appointment
    # then no link is served rather than a dead one
    assert start_urls(api, expert, appointment) == {"detail": None, "list": None}


@pytest.mark.django_db
def test_start_fetches_a_fresh_host_link(api, expert, appointment):
    # given a stale host link
    old = Meeting.objects.get(pk=appointment.meeting_id).start_url
    issued = timezone.now() - (START_URL_LIFETIME + timedelta(seconds=60))
    Meeting.objects.filter(pk=appointment.meeting_id).update(start_url_issued_at=issued)
    # when the expert asks for the start link
    response = api(expert).get(f"{APPOINTMENTS}{appointment.pk}/start/")
    # then Zoom's new link is returned, stored, and served again
    assert response.status_code == 200, response.content
    fresh = response.json()["start_url"]
    assert "zak=" in fresh and fresh != old
    assert start_urls(api, expert, appointment) == {"detail": fresh, "list": fresh}


@pytest.mark.django_db
def test_start_of_a_meeting_deleted_in_zoom_marks_it_for_recreation(
    api, expert, appointment, sandbox
):
    # given a meeting someone deleted in Zoom's portal
    before = Meeting.objects.get(pk=appointment.meeting_id)
    sandbox.delete_outside(before.zoom_meeting_id)
    # when the expert asks for the start link, twice
    first = api(expert).get(f"{APPOINTMENTS}{appointment.pk}/start/")
    second = api(expert).get(f"{APPOINTMENTS}{appointment.pk}/start/")
    # then both get a 409 with a reason, and the meeting is marked for re-creation once
    assert first.status_code == 409 and first.json()["detail"]
    assert second.status_code == 409 and second.json()["detail"]
    after = Meeting.objects.get(pk=appointment.meeting_id)
    assert after.zoom_meeting_id is None and after.zoom_state == {} and after.start_url == ""
    assert after.status == Meeting.Status.PENDING
    assert after.version == before.version + 1
    # and the worker makes a new Zoom meeting for it
    assert meeting_sync(meeting_id=after.pk, worker_id="t") == Meeting.Status.READY
    remade = Meeting.objects.get(pk=after.pk)
    assert remade.zoom_meeting_id not in (None, before.zoom_meeting_id)
    assert [m["id"] for m in sandbox.meetings()] == [int(remade.zoom_meeting_id)]
