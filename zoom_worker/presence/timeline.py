"""Presence from instants: who is in the waiting room and in the meeting after every instant
Zoom's bodies report, played in the order of those times, never in the order they arrived.

A pure function of the set of instants: the same instants give the same presence, however often
and in whatever order they were delivered.
"""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

WAITING, MEETING = "waiting", "meeting"


@dataclass(frozen=True)
class Mark:
    """A participant (per-session key) entered or left a room at an instant."""

    at: datetime
    room: str
    participant: str
    is_host: bool
    entered: bool


@dataclass(frozen=True)
class State:
    host_in_meeting: bool = False
    host_joined: bool = False
    guests_waiting: int = 0
    guests_in_meeting: int = 0
    since: datetime | None = None
    # Since when a guest is waiting or in the meeting while the host is not (None: nobody is).
    client_waiting_since: datetime | None = None


def presence_after(marks: Iterable[Mark], *, ended_at: datetime | None) -> State:
    """The presence after every mark, the meeting's end closing every stay: a mark after the
    end (a `left` Zoom delivered late) changes nothing that the end did not."""
    rooms: dict[tuple[str, str], bool] = {}  # (room, participant) -> host?
    state = State()
    # At one instant, leaves come before entries: a rejoin at the same second is a rejoin.
    ordered = sorted(
        (mark for mark in marks if ended_at is None or mark.at <= ended_at),
        key=lambda mark: (mark.at, mark.entered),
    )
    # One count per instant: a client admitted leaves the waiting room and joins the meeting at
    # the same second, which is no moment without them.
    for at, marks in itertools.groupby(ordered, key=lambda mark: mark.at):
        for mark in marks:
            key = (mark.room, mark.participant)
            if mark.entered:
                rooms[key] = mark.is_host
            else:
                rooms.pop(key, None)
        state = _counted(rooms, state, at)
    if ended_at is not None:
        state = _counted({}, state, ended_at)
    return state


def _counted(rooms: dict[tuple[str, str], bool], before: State, at: datetime) -> State:
    host_in = any(host for (room, _p), host in rooms.items() if room == MEETING)
    waiting = sum(1 for (room, _p), host in rooms.items() if room == WAITING and not host)
    in_meeting = sum(1 for (room, _p), host in rooms.items() if room == MEETING and not host)
    changed = (host_in, waiting, in_meeting) != (
        before.host_in_meeting,
        before.guests_waiting,
        before.guests_in_meeting,
    )
    unattended = (waiting or in_meeting) and not host_in
    return State(
        host_in_meeting=host_in,
        host_joined=before.host_joined or host_in,
        guests_waiting=waiting,
        guests_in_meeting=in_meeting,
        since=at if changed else before.since,
        client_waiting_since=(before.client_waiting_since or at) if unattended else None,
    )
