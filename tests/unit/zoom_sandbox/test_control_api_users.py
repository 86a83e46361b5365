"""POST /_sandbox/users: a test adds (or replaces) one user of the account."""

import pytest
import requests


def test_an_added_user_is_read_as_zoom_gives_it(zoom, control):
    # when a Basic user is added
    control.add_user("Elif@Lunova.test", type=1)
    # then Zoom reads it, its e-mail in lower case
    user = zoom.call("GET", "/users/elif@lunova.test").json()
    assert (user["email"], user["type"], user["status"]) == ("elif@lunova.test", 1, "active")


def test_adding_a_user_again_replaces_it_and_keeps_its_id(zoom, control):
    # given a licensed active user
    control.add_user("elif@lunova.test")
    before = zoom.call("GET", "/users/elif@lunova.test").json()
    # when it is added again, deactivated
    control.add_user("elif@lunova.test", status="inactive")
    # then the same user is inactive now
    after = zoom.call("GET", "/users/elif@lunova.test").json()
    assert (after["id"], after["status"]) == (before["id"], "inactive")


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@b.test", "type": 4}, "type"),
        ({"email": "a@b.test", "type": True}, "type"),
        ({"email": "a@b.test", "status": "pending"}, "status"),
        ({"email": "a@b.test", "role": "admin"}, "role"),
    ],
)
def test_a_bad_user_is_400_naming_the_field(control, body, named):
    # when a user is posted with one thing wrong
    with pytest.raises(requests.HTTPError) as refused:
        control._post("users", body)
    # then the sandbox says which
    assert refused.value.response.status_code == 400
    assert named in refused.value.response.json()["error"]
