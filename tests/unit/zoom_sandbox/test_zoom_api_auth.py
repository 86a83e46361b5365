import pytest

from .conftest import Zoom

INVALID_TOKEN = {"code": 124, "message": "Invalid access token."}


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer not-a-token-we-issued", "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="],
)
def test_a_call_without_a_valid_bearer_token_is_refused_with_code_124(server, authorization):
    # Given
    zoom = Zoom(server.url)
    if authorization:
        zoom.session.headers["Authorization"] = authorization

    # When
    response = zoom.call("GET", "/users/me/meetings")

    # Then
    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN


def test_revoked_tokens_get_124_and_a_new_token_works(zoom, control):
    # Given
    assert zoom.call("GET", "/users/me/meetings").status_code == 200

    # When
    control.revoke_tokens()
    revoked = zoom.call("GET", "/users/me/meetings")
    renewed = zoom.sign_in().call("GET", "/users/me/meetings")

    # Then
    assert revoked.status_code == 401
    assert revoked.json() == INVALID_TOKEN
    assert renewed.status_code == 200
