"""GET /v2/users/{userId}: the stand-in's account owner (`me`), licensed; anyone else 404 1001."""

import requests

from tests.unit.zoom_sandbox.conftest import HOST


def test_me_and_the_owner_are_licensed_and_others_unknown(zoom):
    # when the owner is read as `me` and by e-mail, and a stranger is read
    me = zoom.call("GET", "/users/me")
    owner = zoom.call("GET", f"/users/{HOST}")
    stranger = zoom.call("GET", "/users/nobody@example.com")
    # then the owner is licensed and active, the stranger unknown
    assert me.status_code == owner.status_code == 200
    assert (me.json()["type"], me.json()["status"], me.json()["email"]) == (2, "active", HOST)
    assert owner.json() == me.json()
    assert stranger.status_code == 404
    assert stranger.json()["code"] == 1001


def test_a_user_needs_a_token(server):
    response = requests.get(f"{server.url}/v2/users/me", timeout=5)
    assert response.status_code == 401
    assert response.json()["code"] == 124
