"""GET /_sandbox/hosts: per host, its live meetings and which of them overlap in time."""

import pytest
import requests

HOST1 = "host1@sandbox.lunova.test"


def _meeting(zoom, start, duration=45, user=HOST1):
    response = zoom.create({"start_time": start, "duration": duration}, user=user)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_every_user_is_listed_with_its_live_meetings(zoom, control):
    # given two meetings of host1, one of them deleted, and one of the owner
    kept = _meeting(zoom, "2030-01-15T10:00:00Z")
    gone = _meeting(zoom, "2030-01-15T12:00:00Z")
    zoom.call("DELETE", f"/meetings/{gone}")
    owners = zoom.new_meeting()
    # when the hosts are read
    hosts = control.hosts()
    # then each user of the account is there, with its live meetings only
    assert hosts[HOST1] == {
        "meetings": [{"id": kept, "start_time": "2030-01-15T10:00:00Z", "duration": 45}],
        "max_overlap": 1,
        "overlapping": [],
    }
    assert [m["id"] for m in hosts[owners["host_email"]]["meetings"]] == [owners["id"]]
    assert hosts["basic1@sandbox.lunova.test"]["max_overlap"] == 0


def test_overlapping_meetings_are_counted_and_paired(zoom, control):
    # given three meetings of host1: 10:00-10:45, 10:30-11:15 and 10:40-11:00, and 12:00-12:45
    first = _meeting(zoom, "2030-01-15T10:00:00Z")
    second = _meeting(zoom, "2030-01-15T10:30:00Z")
    third = _meeting(zoom, "2030-01-15T10:40:00Z", duration=20)
    _meeting(zoom, "2030-01-15T12:00:00Z")
    # when the hosts are read
    host = control.hosts()[HOST1]
    # then three run at once at 10:40, and the three pairs among them overlap
    assert host["max_overlap"] == 3
    assert sorted(sorted(pair) for pair in host["overlapping"]) == sorted(
        sorted(pair) for pair in ([first, second], [first, third], [second, third])
    )


def test_back_to_back_meetings_overlap_only_within_the_buffer(zoom, control):
    # given 10:00-10:45 and 10:50-11:35 on host1
    first = _meeting(zoom, "2030-01-15T10:00:00Z")
    second = _meeting(zoom, "2030-01-15T10:50:00Z")
    # when read with no buffer, a 5-minute buffer and a 6-minute one
    views = [control.hosts(buffer_minutes=b)[HOST1] for b in (0, 5, 6)]
    # then they meet only once the buffer runs past the gap (an end is not an overlap)
    assert [view["max_overlap"] for view in views] == [1, 1, 2]
    assert [view["overlapping"] for view in views] == [[], [], [[first, second]]]


@pytest.mark.parametrize("buffer", ["-1", "soon"])
def test_a_bad_buffer_is_400(control, buffer):
    with pytest.raises(requests.HTTPError) as refused:
        control._call("GET", "hosts", params={"buffer": buffer})
    assert refused.value.response.status_code == 400
    assert "buffer" in refused.value.response.json()["error"]
