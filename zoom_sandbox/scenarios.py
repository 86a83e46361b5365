"""A meeting's life as a script: steps, each a minute after the scheduled start and what happened
then, delivered in the order listed.

The order listed is the order Zoom delivers; the minutes are when things happened, which is what
the bodies say. Listing a step before an earlier one is how a script plays Zoom's out-of-order
deliveries (a rejoin's `joined` before the `left` it follows, a `left` after `meeting.ended`).
"""

PEOPLE = ("host", "guest")
MEETING_STEPS = ("started", "ended")
# Each participant step and the webhooks it sends: (event, room, what it does to the person's
# session in that room). A session opened gets a new user_id; the events that close or refer to
# it carry the same one.
PARTICIPANT_STEPS = {
    "joined": (("meeting.participant_joined", "main", "open"),),
    "left": (("meeting.participant_left", "main", "close"),),
    "to_breakout": (
        ("meeting.participant_left", "main", "close"),
        ("meeting.participant_joined_breakout_room", "breakout", "open"),
    ),
    "from_breakout": (
        ("meeting.participant_left_breakout_room", "breakout", "close"),
        ("meeting.participant_joined", "main", "open"),
    ),
    "joined_waiting_room": (("meeting.participant_joined_waiting_room", "waiting", "open"),),
    "admitted": (
        ("meeting.participant_admitted", "waiting", "keep"),
        ("meeting.participant_left_waiting_room", "waiting", "close"),
        ("meeting.participant_joined", "main", "open"),
    ),
    "left_waiting_room": (("meeting.participant_left_waiting_room", "waiting", "close"),),
    "put_in_waiting_room": (
        ("meeting.participant_left", "main", "close"),
        ("meeting.participant_put_in_waiting_room", "waiting", "open"),
    ),
}
STEP_KEYS = {"at", "event", "who", "reason"}
# How far from the scheduled start a step may be placed, in minutes.
REACH = 24 * 60


def _step(at, event, who=None):
    return {"at": at, "event": event} if who is None else {"at": at, "event": event, "who": who}


def _held(*middle, host=(1, 45), guest=(3, 40), started=1, ended=45):
    """The host from +1 to +45 and the guest from +3 to +40 in time order (the meeting's start
    first on a tie), with the `middle` steps, as listed, where the first of them falls."""
    steps = [
        _step(started, "started"),
        _step(host[0], "joined", "host"),
        _step(guest[0], "joined", "guest"),
        _step(guest[1], "left", "guest"),
        _step(host[1], "left", "host"),
        _step(ended, "ended"),
    ]
    steps.sort(key=lambda step: step["at"])
    place = sum(1 for step in steps if middle and step["at"] <= middle[0]["at"])
    return [*steps[:place], *middle, *steps[place:]]


def _alone(who, stay):
    """Only `who` comes, opening the meeting, which ends at +45."""
    return [
        _step(stay[0], "started"),
        _step(stay[0], "joined", who),
        _step(stay[1], "left", who),
        _step(45, "ended"),
    ]


SCENARIOS = {
    "held": _held(),
    "host_only": _alone("host", (1, 45)),
    "guest_only": _alone("guest", (3, 40)),
    # Nobody in it: as if opened and closed empty, so the service settles at once.
    "nobody": [_step(45, "ended")],
    # The guest's connection drops at +20 and is back at +21, the new join delivered first.
    "rejoin_out_of_order": _held(_step(21, "joined", "guest"), _step(20, "left", "guest")),
    # Both stay to the end; their `left`s are delivered after meeting.ended.
    "left_after_ended": [
        *_held(host=(1, 45), guest=(3, 45))[:3],
        _step(45, "ended"),
        _step(45, "left", "guest"),
        _step(45, "left", "host"),
    ],
    # The guest spends +15 to +25 in a breakout room.
    "breakout": _held(_step(15, "to_breakout", "guest"), _step(25, "from_breakout", "guest")),
    # The client waits in the waiting room from the start; the host is 8 minutes late, admits
    # them, puts them back at +20 and admits them again at +21.
    "waiting_room": [
        _step(0, "joined_waiting_room", "guest"),
        _step(8, "started"),
        _step(8, "joined", "host"),
        _step(9, "admitted", "guest"),
        _step(20, "put_in_waiting_room", "guest"),
        _step(21, "admitted", "guest"),
        _step(40, "left", "guest"),
        _step(45, "left", "host"),
        _step(45, "ended"),
    ],
    # Join before host: the client opens the meeting at the start, the host comes at +9.
    "host_late": _held(host=(9, 45), guest=(0, 40), started=0),
}


def parse_steps(body):
    """(name, steps) of a play request: a named scenario or its own `steps`; ValueError naming
    what is wrong."""
    scenario, steps = body.get("scenario"), body.get("steps")
    if (scenario is None) == (steps is None):
        raise ValueError(f"give either scenario (one of {list(SCENARIOS)}) or steps")
    if scenario is not None:
        if scenario not in SCENARIOS:
            raise ValueError(f"scenario must be one of {list(SCENARIOS)}")
        return scenario, SCENARIOS[scenario]
    if not isinstance(steps, list) or not steps:
        raise ValueError("steps must be a non-empty list")
    return "steps", [_checked(step) for step in steps]


def _checked(step):
    if not isinstance(step, dict) or not set(step) <= STEP_KEYS:
        raise ValueError(f"a step is an object with keys among {sorted(STEP_KEYS)}: {step}")
    at = step.get("at")
    if isinstance(at, bool) or not isinstance(at, int | float) or abs(at) > REACH:
        raise ValueError(f"a step's at is minutes from the start, at most {REACH} away: {step}")
    event = step.get("event")
    if event in MEETING_STEPS:
        if "who" in step or "reason" in step:
            raise ValueError(f"{event} is the meeting's, it takes no who or reason: {step}")
        return dict(step)
    if event not in PARTICIPANT_STEPS:
        known = [*MEETING_STEPS, *PARTICIPANT_STEPS]
        raise ValueError(f"a step's event must be one of {known}: {step}")
    if step.get("who") not in PEOPLE:
        raise ValueError(f"a step's who must be one of {list(PEOPLE)}: {step}")
    if "reason" in step and not isinstance(step["reason"], str):
        raise ValueError(f"a step's reason is text: {step}")
    return dict(step)
