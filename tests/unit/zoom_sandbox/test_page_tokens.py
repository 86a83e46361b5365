"""next_page_token is "" on the last page of every listing the stand-in serves (and on a single
page), as in Zoom's answers."""

from .conftest import SECRET


def test_every_last_page_has_an_empty_next_page_token(zoom, control, receiver):
    # Given one meeting, played so it has a report
    meeting = zoom.new_meeting()
    control.play(meeting["id"], "held", receiver[0], SECRET)

    # When
    pages = [
        zoom.call("GET", "/users/me/meetings").json(),
        zoom.call("GET", "/users?page_size=300").json(),
        zoom.call("GET", f"/report/meetings/{meeting['id']}/participants").json(),
    ]

    # Then
    assert [page["next_page_token"] for page in pages] == ["", "", ""]
