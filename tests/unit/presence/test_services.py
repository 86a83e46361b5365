"""Waiting-room and participant webhooks make a meeting's presence: a client waiting with no
expert is told once per wait, whatever the order and however often Zoom delivers."""

import itertools

import pytest
from django.utils import timezone

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.inbound.processing import webhook_process
from zoom_worker.inbound.storage import webhook_receive
from zoom_worker.models import Meeting, PlatformEvent, Presence

ZOOM_ID = 85746065433
pytestmark = pytest.mark.django_db


def event(kind: str, user_id: str, at: str, *, ts: int) -> dict:
    time_key = {"joined": "join_time", "left": "leave_time"}.get(kind, "date_time")
    return envelope(
        f"meeting.participant_{kind}",
        ZOOM_ID,
        event_ts=ts,
        participant={"user_id": user_id, "id": "h-1" if user_id == "h" else "", time_key: at},
    )


# The client waits from 10:00; the host comes at 10:06 and admits them at 10:07.
LIFE = [
    event("joined_waiting_room", "g-w", "2026-12-01T10:00:00Z", ts=1),
    event("joined", "h", "2026-12-01T10:06:00Z", ts=2),
    event("admitted", "g-w", "2026-12-01T10:07:00Z", ts=3),
    event("left_waiting_room", "g-w", "2026-12-01T10:07:00Z", ts=4),
    event("joined", "g-m", "2026-12-01T10:07:00Z", ts=5),
]


@pytest.fixture
def meeting(expert, settings) -> Meeting:
    settings.LUNOVA_EVENTS_URL, settings.LUNOVA_EVENTS_SECRET = "http://127.0.0.1:9/e", "k"
    return Meeting.objects.create(
        owner=expert,
        host="me",
        topic="T",
        start_time=timezone.now(),
        duration=45,
        timezone="UTC",
        zoom_meeting_id=str(ZOOM_ID),
        zoom_host_id="h-1",
    )


def apply(bodies, meeting) -> tuple:
    for body in bodies:
        webhook_process(delivery_id=webhook_receive(event=body["event"], envelope=body).pk)
    presence = Presence.objects.get(meeting=meeting)
    told = PlatformEvent.objects.filter(type=PlatformEvent.Type.CLIENT_WAITING)
    return (
        presence.host_in_meeting,
        presence.guests_waiting,
        presence.guests_in_meeting,
        presence.since.isoformat(),
        presence.client_waiting_since,
        [event.data for event in told],
    )


def test_in_order_the_wait_is_told_once_and_ends_with_the_host(meeting):
    # given the client's wait, the host coming and admitting them
    # when the webhooks arrive in order
    # then the client is in the meeting with the host, and the wait was told once, as it began
    assert apply(LIFE, meeting) == (
        True,
        0,
        1,
        "2026-12-01T10:07:00+00:00",
        None,
        [
            {
                "host": "absent",
                "guests_waiting": 1,
                "guests_in_meeting": 0,
                "since": "2026-12-01T10:00:00Z",
            }
        ],
    )


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(LIFE))))[::17])
def test_any_order_gives_the_same_presence(meeting, order):
    # given the same webhooks in another order, the last one twice over
    bodies = [LIFE[i] for i in order]
    bodies.append({**bodies[-1], "payload": {**bodies[-1]["payload"], "again": 1}})
    # when they are applied
    host, waiting, inside, since, wait, told = apply(bodies, meeting)
    # then the presence is the same; a wait was told at most once
    assert (host, waiting, inside, since, wait) == (True, 0, 1, "2026-12-01T10:07:00+00:00", None)
    assert len(told) <= 1
