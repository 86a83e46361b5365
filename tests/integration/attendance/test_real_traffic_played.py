"""End to end with traffic shaped as real Zoom's: the client waits in the waiting room and is
admitted, drops and rejoins (the new `joined` delivered before the `left`), spends ten minutes in
a breakout room, and the `left`s come after `meeting.ended`, one timed after the end. Real
workers settle it to the figures worked out by hand below; presence ends with the meeting; and
a byte search of the whole database finds no participant's name, e-mail or IP address."""

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import database_url, future, wait_until
from tests.integration.attendance.conftest import PERSONAL
from zoom_sandbox import play
from zoom_worker.models import Meeting, WaitingRoomMark, WebhookDelivery

URL = "/api/v1/appointments/"
MIN = timedelta(minutes=1)
WEBHOOK_SECRET = "real-traffic-webhook-secret"
pytestmark = pytest.mark.django_db(transaction=True)


def step(at, event, who=None):
    return {"at": at, "event": event} | ({"who": who} if who else {})


# In the order Zoom delivers them; `at` is minutes after the scheduled start.
STEPS = [
    step(0, "started"),
    step(1, "joined", "host"),
    step(2, "joined_waiting_room", "guest"),
    step(3, "admitted", "guest"),
    step(11, "joined", "guest"),  # the rejoin, delivered first ...
    step(10, "left", "guest"),  # ... then the drop it follows
    step(15, "to_breakout", "guest"),
    step(25, "from_breakout", "guest"),
    step(45, "ended"),
    step(46, "left", "guest"),  # after the end: presence ends at +45 all the same
    step(45.5, "left", "host"),
]
# By hand: the host is in from +1 to the end (+45); the client in the main room +3..+10,
# +11..+15 and +25..+45 (the breakout room is not with the host; the lefts after the end count
# to the end). Together: 7 + 4 + 20 = 31 minutes; without the end's cut it would be 31.5 → 32.
TOGETHER = 31


def database_bytes() -> bytes:
    """Every byte the database holds for the test database, as its own dump writes them."""
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        files = [Path(name), Path(f"{name}-wal")]
        return b"".join(path.read_bytes() for path in files if path.exists())
    return subprocess.run(
        ["pg_dump", "--data-only", database_url()], check=True, capture_output=True
    ).stdout


def test_real_shaped_traffic_settles_to_the_figures_by_hand_and_keeps_nothing_personal(
    api, expert, client_user, workers, sandbox, live_server, receiver, events_on, settings
):
    # given the webhook endpoint live, workers that tell a receiver, a meeting made in Zoom
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = WEBHOOK_SECRET
    workers.start(**events_on)
    body = {"client": client_user.pk, "start_time": future(days=1)}
    pk = api(expert).post(URL, body, format="json").json()["id"]
    meeting = wait_until(
        lambda: Meeting.objects.filter(appointment__pk=pk, status="ready").first(), timeout=30
    )
    # when the stand-in plays the meeting's life as real Zoom delivers it
    webhook_url = f"{live_server.url}/api/v1/zoom/webhooks/"
    answer = sandbox.play(meeting.zoom_meeting_id, STEPS, webhook_url, WEBHOOK_SECRET)
    assert {sent["status"] for sent in answer["sent"]} == {204}

    # then the appointment settles to the figures worked out by hand
    def settled():
        shown = api(client_user).get(f"{URL}{pk}/").json()
        return shown if shown["attendance"]["outcome"] else None

    shown = wait_until(settled, timeout=60)
    assert shown["status"] == "completed"
    assert shown["attendance"] == {
        "outcome": "held",
        "expert_joined_at": play.zoom_time(play.parse_zoom_time(body["start_time"]) + MIN * 1),
        "client_joined_at": play.zoom_time(play.parse_zoom_time(body["start_time"]) + MIN * 3),
        "together_minutes": TOGETHER,
    }
    # and the waiting room was seen, but the client never waited without the expert
    wait_until(lambda: WaitingRoomMark.objects.filter(meeting=meeting).count() == 2)
    assert receiver.of_type("appointment.client_waiting") == []
    # and presence ends with the meeting, however late the lefts came
    # (each delivery was stored before the stand-in had its answer)
    unprocessed = WebhookDelivery.objects.filter(
        zoom_meeting_id=meeting.zoom_meeting_id, processed_at__isnull=True
    )
    wait_until(lambda: not unprocessed.exists(), timeout=30)
    presence = api(expert).get(f"{URL}{pk}/presence/").json()
    ended = play.zoom_time(play.parse_zoom_time(body["start_time"]) + MIN * 45)
    assert presence == {
        "host": "absent",
        "guests_waiting": 0,
        "guests_in_meeting": 0,
        "since": ended,
    }
    # and no byte of the database holds a participant's name, e-mail or IP address
    stored = database_bytes()
    assert [secret for secret in PERSONAL if secret.encode() in stored] == []
