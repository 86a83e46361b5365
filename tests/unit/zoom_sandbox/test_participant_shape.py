"""Played participant webhooks are shaped as real Zoom's: `event` last, `object.id` a string,
the account's id, a user_id per session, an upper-case participant_uuid, a guest's ids and
e-mail as empty strings, IP addresses and a leave reason."""

import json
import re

from .conftest import bodies, played

GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")


def test_participant_bodies_put_event_last_and_meeting_bodies_first(zoom, control, receiver):
    # When
    _meeting, received = played(zoom, control, receiver)

    # Then the keys come in Zoom's order, byte for byte
    orders = [list(json.loads(raw, object_pairs_hook=dict)) for raw, _ts, _sig in received]
    assert orders[0] == ["event", "payload", "event_ts"]  # meeting.started
    assert orders[1] == ["payload", "event_ts", "event"]  # meeting.participant_joined
    assert received[1][0].endswith(b'"event": "meeting.participant_joined"}')


def test_the_meeting_object_carries_a_string_id_the_account_and_its_times(zoom, control, receiver):
    # When
    meeting, received = played(zoom, control, receiver)
    started, joined, *_rest, ended = bodies(received)

    # Then
    for body in (started, joined, ended):
        assert body["payload"]["account_id"] == "sandbox-account"
        assert body["payload"]["object"]["id"] == str(meeting["id"])
    assert started["payload"]["object"]["start_time"] == "2030-01-15T09:31:00Z"
    assert ended["payload"]["object"]["end_time"] == "2030-01-15T10:15:00Z"
    assert ended["payload"]["object"]["start_time"] == "2030-01-15T09:31:00Z"


def test_a_host_is_signed_in_and_a_guest_is_not(zoom, control, receiver):
    # When
    meeting, received = played(zoom, control, receiver)
    host, guest = (bodies(received)[n]["payload"]["object"]["participant"] for n in (1, 2))

    # Then
    assert (host["id"], host["participant_user_id"]) == (meeting["host_id"], meeting["host_id"])
    assert host["email"]
    assert (guest["id"], guest["email"], guest["participant_user_id"]) == ("", "", "")
    assert guest["user_name"] == "Mehmet Çağlar Öztürk"
    for participant in (host, guest):
        assert GUID.fullmatch(participant["participant_uuid"])
        assert participant["public_ip"] and participant["private_ip"]
    assert host["participant_uuid"] != guest["participant_uuid"]


def test_a_left_carries_its_joined_user_id_and_a_leave_reason(zoom, control, receiver):
    # When
    _meeting, received = played(zoom, control, receiver)
    sent = [body["payload"]["object"]["participant"] for body in bodies(received)[1:-1]]
    host_joined, guest_joined, guest_left, host_left = sent

    # Then
    assert guest_left["user_id"] == guest_joined["user_id"] != host_joined["user_id"]
    assert host_left["user_id"] == host_joined["user_id"]
    assert "leave_reason" not in guest_joined
    assert (
        guest_left["leave_reason"]
        == "Mehmet Çağlar Öztürk left the meeting. Reason : left the meeting"
    )
    assert host_left["leave_reason"].endswith("Reason : Host ended the meeting")
