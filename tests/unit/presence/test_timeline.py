"""Presence from the instants in Zoom's bodies: the same instants, in any order and however often
delivered, give the same presence; the meeting's end closes every stay."""

import itertools
import random
from datetime import UTC, datetime, timedelta

from zoom_worker.presence.timeline import MEETING, WAITING, Mark, State, presence_after

START = datetime(2030, 1, 15, 10, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def mark(minutes, room, who, entered, session="1"):
    return Mark(at(minutes), room, f"{who}-{session}", who == "host", entered)


# The client waits from +0; the host comes at +8 and admits them at +9 (a session of its own in
# the meeting); the client's connection drops at +20 and is back at +21 (a new session).
WAIT_THEN_HELD = [
    mark(0, WAITING, "guest", True, "w"),
    mark(8, MEETING, "host", True),
    mark(9, WAITING, "guest", False, "w"),
    mark(9, MEETING, "guest", True, "a"),
    mark(20, MEETING, "guest", False, "a"),
    mark(21, MEETING, "guest", True, "b"),
]


def test_a_client_alone_in_the_waiting_room_waits_with_no_expert():
    # given only the client's entry into the waiting room
    marks = WAIT_THEN_HELD[:1]
    # when presence is computed
    state = presence_after(marks, ended_at=None)
    # then one guest waits, the host is absent, and the wait began with the entry
    assert state == State(
        guests_waiting=1, since=at(0), client_waiting_since=at(0), host_joined=False
    )


def test_any_order_and_any_repeat_give_the_same_presence():
    # given the same instants in every order, some delivered twice
    expected = presence_after(WAIT_THEN_HELD, ended_at=None)
    shuffled = random.Random(23)
    for order in itertools.islice(itertools.permutations(WAIT_THEN_HELD), 0, None, 37):
        repeated = [*order, *shuffled.sample(order, 3)]
        # when presence is computed
        # then it is always the one of the instants in time order
        assert presence_after(repeated, ended_at=None) == expected
    assert expected == State(
        host_in_meeting=True, host_joined=True, guests_in_meeting=1, since=at(21)
    )


def test_the_end_closes_every_stay_and_a_late_left_changes_nothing():
    # given the meeting ended at +45, and lefts Zoom sent after it (one timed after the end)
    ended = at(45)
    late = [mark(45, MEETING, "guest", False, "b"), mark(46, MEETING, "host", False)]
    # when presence is computed with and without them
    with_late = presence_after([*WAIT_THEN_HELD, *late], ended_at=ended)
    without = presence_after(WAIT_THEN_HELD, ended_at=ended)
    # then nobody is there since the end, either way
    assert with_late == without == State(host_joined=True, since=ended)


def test_a_host_who_left_leaves_a_client_waiting_again():
    # given the host gone at +30 while the client stays
    marks = [*WAIT_THEN_HELD, mark(30, MEETING, "host", False)]
    # when presence is computed
    state = presence_after(marks, ended_at=None)
    # then a new wait began at +30, and the host did join (so is not late)
    assert (state.client_waiting_since, state.host_joined, state.host_in_meeting) == (
        at(30),
        True,
        False,
    )


def test_a_client_admitted_with_no_expert_waits_on_without_a_break():
    # given a client admitted at +7 (out of the waiting room and into the meeting at that
    # second), no host yet
    marks = [
        mark(0, WAITING, "guest", True, "w"),
        mark(7, WAITING, "guest", False, "w"),
        mark(7, MEETING, "guest", True, "m"),
    ]
    # when presence is computed
    state = presence_after(marks, ended_at=None)
    # then it is one wait, since +0: the admission was no moment without them
    assert (state.client_waiting_since, state.guests_in_meeting, state.since) == (
        at(0),
        1,
        at(7),
    )
