"""POST /_sandbox/scopes sets the scopes of the tokens issued from then on; like Zoom's, a token
issued before goes on holding the scopes it was issued with, and a reset restores the start's."""

import pytest
import requests

from zoom_sandbox.scopes import GRANULAR

from .conftest import Zoom


def test_new_tokens_hold_the_scopes_set_and_older_ones_keep_theirs(server, control):
    # Given a token issued with every scope
    before = Zoom(server.url).sign_in()

    # When only the meeting read scopes are left to the app
    control.set_scopes("meeting:read:meeting:admin meeting:read:list_meetings:admin")
    after = Zoom(server.url)
    answer = after.fetch_token().json()
    after.sign_in()

    # Then the new token holds those, and is refused a create; the old one is not
    assert answer["scope"] == "meeting:read:meeting:admin meeting:read:list_meetings:admin"
    assert after.create().json()["code"] == 4711
    assert after.call("GET", "/users/me/meetings").status_code == 200
    assert before.create().status_code == 201


def test_a_reset_restores_the_scopes_the_stand_in_started_with(server, control):
    # Given
    control.set_scopes([])

    # When
    control.reset()

    # Then
    assert Zoom(server.url).fetch_token().json()["scope"].split() == list(GRANULAR)
    assert control.state()["scopes"] == list(GRANULAR)


@pytest.mark.parametrize("body", [{}, {"scopes": 7}, {"scopes": ["a", 1]}, {"scope": "a"}])
def test_a_bad_scopes_request_is_a_400(server, body):
    # When
    response = requests.post(f"{server.url}/_sandbox/scopes", json=body, timeout=5)

    # Then
    assert response.status_code == 400 and "scopes" in response.json()["error"]
