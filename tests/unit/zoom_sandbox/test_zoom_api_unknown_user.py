"""Creating or listing meetings under a user the account does not have: 404 code 1001."""

import pytest


@pytest.mark.parametrize("user", ["nobody@example.com", "not-a-user"])
def test_create_and_list_under_an_unknown_user_are_404_1001(zoom, control, user):
    # when a meeting is created and the meetings listed under a user nobody registered
    created = zoom.create(user=user)
    listed = zoom.call("GET", f"/users/{user}/meetings")
    # then both are refused as Zoom refuses them, and nothing is made
    for response in (created, listed):
        assert response.status_code == 404
        assert response.json() == {"code": 1001, "message": f"User does not exist: {user}"}
    assert control.meetings() == []


def test_a_registered_user_hosts_meetings_until_the_next_reset(zoom, control):
    # given a user added to the account
    control.add_user("ayse@example.com")
    made = zoom.create(user="ayse@example.com")
    # when the stand-in is reset
    control.reset()
    # then the meeting was made, and the user is unknown again
    assert made.status_code == 201
    assert zoom.create(user="ayse@example.com").json()["code"] == 1001
