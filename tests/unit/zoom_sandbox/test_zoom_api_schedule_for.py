"""PATCH with schedule_for: Zoom refuses to move a meeting to another host (400 code 3000)."""


def test_schedule_for_is_refused_and_nothing_changes(zoom, control):
    # given a meeting of the owner, which has room for one more create/update today
    control.set_limits(daily_per_host=2)
    meeting = zoom.new_meeting()
    # when it is patched to another host, with a new topic too
    body = {"schedule_for": "host1@sandbox.lunova.test", "topic": "Yeni"}
    response = zoom.call("PATCH", f"/meetings/{meeting['id']}", json=body)
    # then Zoom's refusal, with the meeting unchanged and still the owner's
    assert response.status_code == 400
    assert response.json() == {
        "code": 3000,
        "message": "You cannot schedule a meeting for host1@sandbox.lunova.test",
    }
    held = zoom.call("GET", f"/meetings/{meeting['id']}").json()
    assert (held["topic"], held["host_email"]) == (meeting["topic"], meeting["host_email"])
    assert control.hosts()["host1@sandbox.lunova.test"]["meetings"] == []
    # and the refusal spent none of today's requests: the one left still goes through
    assert zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"topic": "x"}).status_code == 204
