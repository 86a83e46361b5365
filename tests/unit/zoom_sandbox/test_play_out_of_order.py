"""Zoom delivers out of order, and the stand-in can too: a rejoin's joined before the left it
follows, and left webhooks after meeting.ended. The bodies keep the times things happened."""

from .conftest import played, report, timeline


def test_a_rejoin_is_delivered_before_the_left_it_follows(zoom, control, receiver):
    # When
    _meeting, received = played(zoom, control, receiver, "rejoin_out_of_order")

    # Then the guest's second session arrives first, under a new user_id
    sent = timeline(received)
    guest_first = sent[2][1]
    rejoin, drop = sent[3], sent[4]
    assert rejoin[0] == "meeting.participant_joined" and rejoin[2] == "2030-01-15T09:51:00Z"
    assert drop == ("meeting.participant_left", guest_first, "2030-01-15T09:50:00Z")
    assert rejoin[1] != guest_first
    assert sent[5] == ("meeting.participant_left", rejoin[1], "2030-01-15T10:10:00Z")


def test_the_report_lists_each_session_of_the_rejoin(zoom, control, receiver):
    # When
    meeting, _received = played(zoom, control, receiver, "rejoin_out_of_order")

    # Then
    guest = [(r["join_time"], r["leave_time"]) for r in report(zoom, meeting) if not r["id"]]
    assert guest == [
        ("2030-01-15T09:33:00Z", "2030-01-15T09:50:00Z"),
        ("2030-01-15T09:51:00Z", "2030-01-15T10:10:00Z"),
    ]


def test_lefts_can_arrive_after_meeting_ended(zoom, control, receiver):
    # When
    _meeting, received = played(zoom, control, receiver, "left_after_ended")

    # Then
    last = timeline(received)[-3:]
    assert [event for event, _user_id, _at in last] == [
        "meeting.ended",
        "meeting.participant_left",
        "meeting.participant_left",
    ]
    assert {at for _event, _user_id, at in last} == {"2030-01-15T10:15:00Z"}
