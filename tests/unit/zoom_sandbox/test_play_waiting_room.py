"""A client waiting in the waiting room for a late host, admitted, put back and admitted again;
and a host arriving late to a meeting the client opened."""

from .conftest import bodies, played, report, timeline


def test_the_waiting_room_scenario(zoom, control, receiver):
    # When
    _meeting, received = played(zoom, control, receiver, "waiting_room")

    # Then the client waits from the start and the meeting starts when the host comes at +8
    sent = timeline(received)
    assert [(event, at) for event, _user_id, at in sent[:7]] == [
        ("meeting.participant_joined_waiting_room", "2030-01-15T09:30:00Z"),
        ("meeting.started", None),
        ("meeting.participant_joined", "2030-01-15T09:38:00Z"),
        ("meeting.participant_admitted", "2030-01-15T09:39:00Z"),
        ("meeting.participant_left_waiting_room", "2030-01-15T09:39:00Z"),
        ("meeting.participant_joined", "2030-01-15T09:39:00Z"),
        ("meeting.participant_left", "2030-01-15T09:50:00Z"),
    ]
    assert sent[7][0] == "meeting.participant_put_in_waiting_room"
    # and one user_id per stay in the waiting room, another per stay in the meeting
    assert sent[0][1] == sent[3][1] == sent[4][1] != sent[5][1]
    waiting = bodies(received)[0]["payload"]["object"]["participant"]
    assert "join_time" not in waiting and waiting["date_time"] == "2030-01-15T09:30:00Z"


def test_the_report_lists_the_waiting_room_too(zoom, control, receiver):
    # When
    meeting, _received = played(zoom, control, receiver, "waiting_room")

    # Then
    guest = [(r["status"], r["join_time"]) for r in report(zoom, meeting) if not r["id"]]
    assert guest == [
        ("in_waiting_room", "2030-01-15T09:30:00Z"),
        ("in_meeting", "2030-01-15T09:39:00Z"),
        ("in_waiting_room", "2030-01-15T09:50:00Z"),
        ("in_meeting", "2030-01-15T09:51:00Z"),
    ]


def test_a_host_late_to_a_meeting_the_client_opened(zoom, control, receiver):
    # When
    meeting, received = played(zoom, control, receiver, "host_late")

    # Then
    sent = bodies(received)
    joined = [b["payload"]["object"]["participant"] for b in sent if b["event"].endswith("joined")]
    assert [(p["id"], p["join_time"]) for p in joined] == [
        ("", "2030-01-15T09:30:00Z"),
        (meeting["host_id"], "2030-01-15T09:39:00Z"),
    ]
    assert sent[0]["payload"]["object"]["start_time"] == "2030-01-15T09:30:00Z"
