"""An appointment's life through the API, a real Celery worker process and the Zoom stand-in."""

import pytest
from django.utils import timezone

from tests.conftest import future, wait_until
from zoom_worker.models import START_URL_LIFETIME, Meeting

URL = "/api/v1/appointments/"

pytestmark = pytest.mark.django_db(transaction=True)


def meeting_reread(api, user, pk):
    return api(user).get(f"{URL}{pk}/").json()["meeting"]


def wait_for_status(api, user, pk, status):
    return wait_until(
        lambda: (m := meeting_reread(api, user, pk))["status"] == status and m,
        timeout=30,
        message=f"meeting of appointment {pk} never became {status}",
    )


def test_booking_becomes_ready_with_what_zoom_holds(api, expert, client_user, worker, sandbox):
    # given an expert and a client, a worker and the Zoom stand-in
    # when the expert books an appointment
    created = api(expert).post(
        URL, {"client": client_user.pk, "start_time": future(days=2), "duration": 30}, format="json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    # then the worker makes the Zoom meeting and writes it back
    meeting = wait_for_status(api, expert, pk, "ready")
    [held] = sandbox.meetings()
    assert meeting["meeting_id"] == str(held["id"])
    assert meeting["join_url"] == held["join_url"]
    assert meeting["password"] == held["password"]
    assert meeting["host_email"] == held["host_email"]
    assert meeting["start_url"].startswith(f"https://zoom.us/s/{held['id']}?zak=")
    assert held["topic"] == created.json()["topic"]
    assert held["duration"] == 30
    assert held["start_time"] == created.json()["start_time"]
    assert held["timezone"] == "Europe/Istanbul"
    assert held["settings"]["waiting_room"] is True
    assert held["settings"]["join_before_host"] is False
    # and the client sees the join link but never the host's start link
    client_view = meeting_reread(api, client_user, pk)
    assert client_view["join_url"] == held["join_url"]
    assert client_view["start_url"] is None


def test_reschedule_patches_the_same_meeting(api, expert, client_user, worker, sandbox):
    # given a ready appointment
    pk = (
        api(expert)
        .post(URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json")
        .json()["id"]
    )
    before = wait_for_status(api, expert, pk, "ready")
    # when the client moves it by a day and makes it longer
    new_time = future(days=3)
    changed = api(client_user).patch(
        f"{URL}{pk}/", {"start_time": new_time, "duration": 60}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["meeting"]["status"] == "pending"
    # then the same Zoom meeting holds the new time, duration and generated title
    wait_until(lambda: Meeting.objects.get(appointment__pk=pk).in_sync, timeout=30)
    after = meeting_reread(api, expert, pk)
    assert after["status"] == "ready"
    assert after["meeting_id"] == before["meeting_id"]
    assert after["join_url"] == before["join_url"]
    [held] = sandbox.meetings()
    assert held["start_time"] == new_time
    assert held["duration"] == 60
    assert held["topic"] == changed.json()["topic"] != ""
    assert sandbox.state()["counters"]["requests"].get("create") == 1


def test_cancel_deletes_the_meeting_and_keeps_the_record(api, expert, client_user, worker, sandbox):
    # given a ready appointment
    pk = (
        api(expert)
        .post(URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json")
        .json()["id"]
    )
    wait_for_status(api, expert, pk, "ready")
    # when the client cancels it
    assert api(client_user).delete(f"{URL}{pk}/").status_code == 204
    # then Zoom no longer holds it, and the record stays readable as cancelled
    wait_for_status(api, expert, pk, "deleted")
    assert sandbox.meetings() == []
    record = api(expert).get(f"{URL}{pk}/").json()
    assert record["status"] == "cancelled"
    assert record["meeting"]["join_url"] is None
    # and changing it now is a conflict
    assert api(expert).patch(f"{URL}{pk}/", {"duration": 50}, format="json").status_code == 409


def test_expert_gets_a_fresh_start_link(api, expert, client_user, worker, sandbox):
    pk = (
        api(expert)
        .post(URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json")
        .json()["id"]
    )
    stored = wait_for_status(api, expert, pk, "ready")["start_url"]
    # the stored link is served while it is fresh; once its host token is near its end, Zoom
    # is asked for a new one
    assert api(expert).get(f"{URL}{pk}/start/").json()["start_url"] == stored
    Meeting.objects.filter(appointment__pk=pk).update(
        start_url_issued_at=timezone.now() - START_URL_LIFETIME
    )
    fresh = api(expert).get(f"{URL}{pk}/start/")
    assert fresh.status_code == 200
    assert fresh.json()["start_url"] != stored
    assert api(client_user).get(f"{URL}{pk}/start/").status_code == 403
