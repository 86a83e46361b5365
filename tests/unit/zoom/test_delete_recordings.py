"""Deleting a meeting's cloud recordings: Zoom's path (an instance uuid with a slash encoded
twice), the action as a query parameter, 3301 (none there) as not found, the call observed."""

import pytest
import responses
from responses import matchers

from tests.unit.zoom import test_client as base
from tests.unit.zoom.test_client import API, token_answer
from zoom_worker.zoom.client import ZoomClient
from zoom_worker.zoom.errors import ZoomNotFound

# The client's fixtures, as the client's own tests make them.
records, limiter, make_client, client = base.records, base.limiter, base.make_client, base.client


@pytest.fixture
def zoom():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.mark.parametrize(
    ("meeting", "path"),
    [
        ("85746065432", "/meetings/85746065432/recordings"),
        ("aDYlohsHRtCd4ii1uC2+hA==", "/meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D/recordings"),
        ("/ajXp112QmuoKj4854875==", "/meetings/%252FajXp112QmuoKj4854875%253D%253D/recordings"),
        ("ab//cd==", "/meetings/ab%252F%252Fcd%253D%253D/recordings"),
    ],
)
def test_the_meeting_is_named_as_zoom_wants(client: ZoomClient, zoom, records, meeting, path):
    # given Zoom deleting the recordings at that path
    zoom.add(token_answer())
    zoom.delete(
        f"{API}{path}", status=204, match=[matchers.query_param_matcher({"action": "delete"})]
    )
    # when the client deletes them
    client.delete_recordings(meeting=meeting, action="delete")
    # then the call is observed as a recordings call
    assert (records[-1].action, records[-1].outcome) == ("recordings", "ok")


def test_no_recording_is_not_found(client: ZoomClient, zoom, records):
    # given Zoom answering that the meeting has no recording
    zoom.add(token_answer())
    zoom.delete(
        f"{API}/meetings/85746065432/recordings",
        status=404,
        json={"code": 3301, "message": "This recording does not exist."},
    )
    # when the client deletes them, then it is not found: nothing is left to delete
    with pytest.raises(ZoomNotFound):
        client.delete_recordings(meeting="85746065432", action="trash")
    assert records[-1].outcome == "not_found"
