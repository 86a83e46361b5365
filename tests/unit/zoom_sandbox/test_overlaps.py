"""The overlap count behind /_sandbox/hosts, on edge cases: empty and touching meetings."""

from zoom_sandbox.overlaps import host_view


def _meeting(id_, start, duration):
    return {"id": id_, "start_time": f"2030-01-15T{start}:00Z", "duration": duration}


def test_a_meeting_of_no_length_overlaps_nothing():
    # given a 0-minute meeting at 10:00, inside and at the start of others
    meetings = [_meeting(1, "10:00", 0), _meeting(2, "10:00", 30), _meeting(3, "09:30", 60)]
    # when viewed without a buffer
    view = host_view(meetings, 0)
    # then only the two real meetings overlap
    assert view["max_overlap"] == 2
    assert view["overlapping"] == [[3, 2]]


def test_meetings_that_touch_do_not_overlap():
    # given 10:00-10:30 and 10:30-11:00
    view = host_view([_meeting(1, "10:30", 30), _meeting(2, "10:00", 30)], 0)
    # then one at a time, listed by start
    assert view["max_overlap"] == 1
    assert view["overlapping"] == []
    assert [m["id"] for m in view["meetings"]] == [2, 1]
