import pytest

from .conftest import assert_zoom_shape


def test_a_get_answers_the_meeting_as_created(zoom):
    # Given
    created = zoom.new_meeting(agenda="Gündem")

    # When
    response = zoom.call("GET", f"/meetings/{created['id']}")

    # Then
    assert response.status_code == 200
    meeting = response.json()
    assert_zoom_shape("meeting", meeting)
    assert {k: v for k, v in meeting.items() if k != "start_url"} == {
        k: v for k, v in created.items() if k != "start_url"
    }


def test_every_get_carries_a_fresh_host_token(zoom):
    # Given
    created = zoom.new_meeting()

    # When
    first = zoom.call("GET", f"/meetings/{created['id']}").json()["start_url"]
    second = zoom.call("GET", f"/meetings/{created['id']}").json()["start_url"]

    # Then
    assert len({created["start_url"], first, second}) == 3
    assert first.startswith(f"https://zoom.us/s/{created['id']}?zak=")


def test_the_state_keeps_the_last_start_url_handed_out(zoom, control):
    # Given
    created = zoom.new_meeting()

    # When
    handed_out = zoom.call("GET", f"/meetings/{created['id']}").json()["start_url"]

    # Then
    assert control.meetings()[0]["start_url"] == handed_out


@pytest.mark.parametrize("meeting_id", ["12345678901", "not-a-number"])
def test_an_unknown_meeting_is_404_code_3001(zoom, meeting_id):
    # When
    response = zoom.call("GET", f"/meetings/{meeting_id}")

    # Then
    assert response.status_code == 404
    assert response.json() == {"code": 3001, "message": f"Meeting does not exist: {meeting_id}."}
