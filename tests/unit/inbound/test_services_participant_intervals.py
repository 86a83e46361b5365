"""Participant webhooks become intervals: repeated or reordered deliveries give the same rows."""

import itertools

import pytest
from django.utils import timezone

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.inbound.processing import webhook_process
from zoom_worker.inbound.storage import webhook_receive
from zoom_worker.models import Meeting, ParticipantInterval

ZOOM_ID = 85746065432


def event(kind: str, user_id: str, at: str, *, ts: int) -> dict:
    time_key = "join_time" if kind == "joined" else "leave_time"
    return envelope(
        f"meeting.participant_{kind}",
        ZOOM_ID,
        event_ts=ts,
        participant={"user_id": user_id, "id": user_id, "user_name": "X", time_key: at},
    )


STAY = [
    event("joined", "h-1", "2026-12-01T10:01:00Z", ts=1),
    event("joined", "g-7", "2026-12-01T10:03:00Z", ts=2),
    event("left", "g-7", "2026-12-01T10:20:00Z", ts=3),
    event("joined", "g-7", "2026-12-01T10:25:00Z", ts=4),
    event("left", "g-7", "2026-12-01T10:40:00Z", ts=5),
]


def apply(bodies) -> set[tuple]:
    for body in bodies:
        delivery = webhook_receive(event=body["event"], envelope=body)
        webhook_process(delivery_id=delivery.pk)
    rows = ParticipantInterval.objects.values_list("participant", "is_host", "joined_at", "left_at")
    return {(p, h, j and j.isoformat(), left and left.isoformat()) for p, h, j, left in rows}


@pytest.fixture
def meeting(expert) -> Meeting:
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


EXPECTED = {
    ("h-1", True, "2026-12-01T10:01:00+00:00", None),
    ("g-7", False, "2026-12-01T10:03:00+00:00", "2026-12-01T10:20:00+00:00"),
    ("g-7", False, "2026-12-01T10:25:00+00:00", "2026-12-01T10:40:00+00:00"),
}


@pytest.mark.django_db
def test_in_order_the_host_and_each_guest_stay_are_rows(meeting):
    # given a host and a guest who leaves and rejoins
    # when the events arrive in order
    # then there is one row per stay, the host marked by Zoom's host id
    assert apply(STAY) == EXPECTED


@pytest.mark.django_db
def test_three_times_in_reverse_order_gives_the_same_rows(meeting):
    # given the same events, each delivered three times (distinct deliveries), last first
    copies = [
        {**body, "payload": {**body["payload"], "n": n}}
        for body, n in itertools.product(reversed(STAY), range(3))
    ]
    # when they are applied
    # then the rows are those of the ordered delivery
    assert apply(copies) == EXPECTED


@pytest.mark.django_db
def test_a_participant_object_without_a_time_is_ignored(meeting):
    # given a join without join_time
    body = envelope("meeting.participant_joined", ZOOM_ID, participant={"user_id": "g-7"})
    # when it is processed
    delivery = webhook_receive(event=body["event"], envelope=body)
    # then it is recorded as ignored and nothing is written
    assert webhook_process(delivery_id=delivery.pk) == "ignored"
    assert not ParticipantInterval.objects.exists()
