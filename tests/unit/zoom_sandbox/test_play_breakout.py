"""A move to a breakout room and back: the main meeting's session ends with Zoom's breakout
leave reason, and each room's session has a user_id of its own."""

from .conftest import bodies, played, timeline


def test_a_breakout_move_ends_one_session_and_starts_another(zoom, control, receiver):
    # When
    _meeting, received = played(zoom, control, receiver, "breakout")

    # Then
    sent = timeline(received)
    guest_main = sent[2][1]
    assert [(event, at) for event, _user_id, at in sent[3:7]] == [
        ("meeting.participant_left", "2030-01-15T09:45:00Z"),
        ("meeting.participant_joined_breakout_room", "2030-01-15T09:45:00Z"),
        ("meeting.participant_left_breakout_room", "2030-01-15T09:55:00Z"),
        ("meeting.participant_joined", "2030-01-15T09:55:00Z"),
    ]
    user_ids = [user_id for _event, user_id, _at in sent[3:7]]
    assert user_ids[0] == guest_main
    assert user_ids[1] == user_ids[2]
    assert len({guest_main, user_ids[1], user_ids[3]}) == 3
    left = bodies(received)[3]["payload"]["object"]["participant"]
    assert left["leave_reason"] == "Mehmet Çağlar Öztürk left the meeting to join breakout room."
