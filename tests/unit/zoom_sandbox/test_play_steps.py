"""A play request may bring its own script: steps at minutes from the start, delivered in the
order listed, the report following them; a malformed step is a 400 naming what is wrong."""

import pytest
import requests

from .conftest import SECRET, timeline

STEPS = [
    {"at": 2, "event": "started"},
    {"at": 2, "event": "joined", "who": "guest"},
    {"at": 30, "event": "ended"},
    {"at": 30, "event": "left", "who": "guest", "reason": "Connection lost"},
]


def test_own_steps_are_played_as_listed(zoom, control, receiver):
    # Given
    meeting = zoom.new_meeting(start_time="2030-01-15T09:30:00Z")
    url, received = receiver

    # When
    answer = control.play(meeting["id"], STEPS, url, SECRET)

    # Then
    assert answer["scenario"] == "steps"
    assert [event for event, _user_id, _at in timeline(received)] == [
        "meeting.started",
        "meeting.participant_joined",
        "meeting.ended",
        "meeting.participant_left",
    ]
    report = zoom.call("GET", f"/report/meetings/{meeting['id']}/participants").json()
    assert [(r["join_time"], r["duration"]) for r in report["participants"]] == [
        ("2030-01-15T09:32:00Z", 28 * 60)
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"scenario": "held", "steps": STEPS}, "either scenario"),
        ({"steps": []}, "non-empty list"),
        ({"steps": [{"at": 1, "event": "danced", "who": "host"}]}, "event must be one of"),
        ({"steps": [{"at": 1, "event": "joined", "who": "cat"}]}, "who must be one of"),
        ({"steps": [{"at": "1", "event": "ended"}]}, "minutes from the start"),
        ({"steps": [{"at": 1, "event": "ended", "who": "host"}]}, "takes no who"),
        ({"steps": [{"at": 1, "event": "ended", "when": 2}]}, "keys among"),
    ],
)
def test_a_bad_script_is_a_400_naming_what_is_wrong(zoom, server, body, message):
    # Given
    meeting = zoom.new_meeting()
    target = {"webhook_url": "http://127.0.0.1:9/hooks", "secret": SECRET}

    # When
    response = requests.post(
        f"{server.url}/_sandbox/meetings/{meeting['id']}/play", json={**body, **target}, timeout=5
    )

    # Then
    assert response.status_code == 400 and message in response.json()["error"]
