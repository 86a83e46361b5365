"""GET /v2/users/{userId}: the account's users, by `me`, e-mail or id; anyone else 404 1001."""

import pytest
import requests

from tests.unit.zoom_sandbox.conftest import HOST, assert_zoom_shape

DEFAULT_ROSTER = {
    "host1@sandbox.lunova.test": (2, "active"),
    "host2@sandbox.lunova.test": (2, "active"),
    "host3@sandbox.lunova.test": (2, "active"),
    "host4@sandbox.lunova.test": (2, "active"),
    "basic1@sandbox.lunova.test": (1, "active"),
    "inactive1@sandbox.lunova.test": (2, "inactive"),
}


def test_me_and_the_owner_are_licensed_and_others_unknown(zoom):
    # when the owner is read as `me` and by e-mail, and a stranger is read
    me = zoom.call("GET", "/users/me")
    owner = zoom.call("GET", f"/users/{HOST}")
    stranger = zoom.call("GET", "/users/nobody@example.com")
    # then the owner is licensed and active, the stranger unknown
    assert me.status_code == owner.status_code == 200
    assert (me.json()["type"], me.json()["status"], me.json()["email"]) == (2, "active", HOST)
    assert owner.json() == me.json()
    assert_zoom_shape("user", me.json())
    assert stranger.status_code == 404
    assert stranger.json() == {"code": 1001, "message": "User does not exist: nobody@example.com"}


@pytest.mark.parametrize("email", sorted(DEFAULT_ROSTER))
def test_the_default_roster_is_there_by_email_and_by_id(zoom, email):
    # when a user of the default roster is read by e-mail, then by the id Zoom gave
    by_email = zoom.call("GET", f"/users/{email.upper()}")
    by_id = zoom.call("GET", f"/users/{by_email.json()['id']}")
    # then both are the same user, with its licence and status
    assert by_email.status_code == by_id.status_code == 200
    assert by_id.json() == by_email.json()
    user = by_email.json()
    assert (user["email"], (user["type"], user["status"])) == (email, DEFAULT_ROSTER[email])
    assert {"first_name", "last_name", "timezone"} <= set(user)


def test_a_user_id_is_the_host_id_of_its_meetings(zoom):
    # given a meeting of host1
    meeting = zoom.create(user="host1@sandbox.lunova.test").json()
    # when the meeting's host_id is read as a user
    host = zoom.call("GET", f"/users/{meeting['host_id']}").json()
    # then it is host1
    assert host["email"] == "host1@sandbox.lunova.test"


def test_a_user_needs_a_token(server):
    response = requests.get(f"{server.url}/v2/users/me", timeout=5)
    assert response.status_code == 401
    assert response.json()["code"] == 124
