"""End to end: a client waits in the waiting room of a session about to start and no expert
comes. The stand-in plays Zoom's webhooks over HTTP; real workers tell the platform at once that
the client waits, and once the late time has passed that the expert is late, each once; the
presence endpoint says the same."""

import time
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import wait_until
from zoom_worker.models import Meeting

URL = "/api/v1/appointments/"
WEBHOOK_SECRET = "presence-webhook-secret"
LATE_MINUTES = 1
EARLIER = 40
pytestmark = pytest.mark.django_db(transaction=True)
WAITING = [{"at": 0, "event": "joined_waiting_room", "who": "guest"}]


def test_a_client_waiting_with_no_expert_is_told_at_once_and_late_after_the_setting(
    api, expert, client_user, workers, sandbox, live_server, receiver, events_on, settings
):
    # given workers that tell a receiver, with the expert late after one minute
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = WEBHOOK_SECRET
    workers.start(**events_on, LUNOVA_EXPERT_LATE_MINUTES=str(LATE_MINUTES))
    # and a session starting in a few seconds, its Zoom meeting made
    start = (timezone.now() + timedelta(seconds=20)).replace(microsecond=0)
    body = {"client": client_user.pk, "start_time": start.strftime("%Y-%m-%dT%H:%M:%SZ")}
    booked = api(expert).post(URL, body, format="json")
    assert booked.status_code == 201, booked.content
    pk = booked.json()["id"]
    meeting = wait_until(
        lambda: Meeting.objects.filter(appointment__pk=pk, status="ready").first(), timeout=30
    )
    assert meeting is not None
    # (the service's copy of the start moved EARLIER seconds back, Zoom's left as it is: the
    # late minute then ends EARLIER seconds sooner, and the test waits that much less for it)
    start -= timedelta(seconds=EARLIER)
    Meeting.objects.filter(pk=meeting.pk).update(start_time=start)
    # when Zoom says the client entered the waiting room at the start, twice over
    webhook_url = f"{live_server.url}/api/v1/zoom/webhooks/"
    for _repeat in range(2):
        answer = sandbox.play(meeting.zoom_meeting_id, WAITING, webhook_url, WEBHOOK_SECRET)
        assert [sent["status"] for sent in answer["sent"]] == [204]
    # then the platform is told at once that the client waits, with the counts
    waiting = wait_until(lambda: receiver.of_type("appointment.client_waiting"), timeout=20)
    assert waiting[0]["appointment"] == pk
    assert waiting[0]["data"] == {
        "host": "absent",
        "guests_waiting": 1,
        "guests_in_meeting": 0,
        "since": body["start_time"],  # the webhook's instant: Zoom's start
    }
    assert receiver.of_type("appointment.expert_late") == []
    # and the presence endpoint agrees, for the client as for the expert
    for user in (client_user, expert):
        presence = api(user).get(f"{URL}{pk}/presence/")
        assert presence.status_code == 200
        assert presence.json() == waiting[0]["data"]
    # and the expert is late within 30 seconds of one minute after the start
    late = wait_until(
        lambda: receiver.of_type("appointment.expert_late"),
        timeout=(start + timedelta(minutes=LATE_MINUTES) - timezone.now()).total_seconds() + 30,
    )
    told_at = datetime.fromisoformat(late[0]["created_at"])
    # (created_at is in whole seconds)
    after_moment = told_at - (start + timedelta(minutes=LATE_MINUTES))
    assert timedelta(seconds=-1) <= after_moment <= timedelta(seconds=30)
    assert late[0]["data"]["host"] == "absent"
    # and each was told once, the late one after the waiting one
    time.sleep(3)
    assert len(receiver.of_type("appointment.client_waiting")) == 1
    assert len(receiver.of_type("appointment.expert_late")) == 1
    assert late[0]["sequence"] > waiting[0]["sequence"]
