import time

from .conftest import TOKEN_FORM, Zoom


def test_good_credentials_get_a_bearer_token(server):
    # Given
    zoom = Zoom(server.url)

    # When
    response = zoom.fetch_token()

    # Then
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["api_url"] == server.url
    assert "meeting:write:meeting:admin" in body["scope"].split()
    assert len(body["access_token"]) >= 32


def test_the_form_may_come_as_query_parameters(server):
    # Given
    zoom = Zoom(server.url)

    # When
    response = zoom.fetch_token(data=None, params=TOKEN_FORM)

    # Then
    assert response.status_code == 200


def test_a_wrong_secret_is_an_invalid_client(server):
    # Given
    zoom = Zoom(server.url)

    # When
    response = zoom.fetch_token(auth=("sandbox-client", "not-the-secret"))

    # Then
    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_client",
        "reason": "Invalid client_id or client_secret",
    }


def test_no_basic_auth_is_an_invalid_client(server):
    # Given
    zoom = Zoom(server.url)

    # When
    response = zoom.fetch_token(auth=None)

    # Then
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_an_unknown_account_is_an_invalid_request(server):
    # Given
    zoom = Zoom(server.url)

    # When
    response = zoom.fetch_token(data={**TOKEN_FORM, "account_id": "someone-else"})

    # Then
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_another_grant_type_is_refused(server):
    # Given
    zoom = Zoom(server.url)

    # When
    response = zoom.fetch_token(data={**TOKEN_FORM, "grant_type": "client_credentials"})

    # Then
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_configured_credentials_replace_the_defaults(start_sandbox):
    # Given
    server = start_sandbox(client_id="id-1", client_secret="secret-1", account_id="acct-1")
    zoom = Zoom(server.url)

    # When
    defaults = zoom.fetch_token()
    configured = zoom.fetch_token(
        auth=("id-1", "secret-1"),
        data={"grant_type": "account_credentials", "account_id": "acct-1"},
    )

    # Then
    assert defaults.status_code == 401
    assert configured.status_code == 200


def test_several_tokens_are_valid_at_once(server):
    # Given
    first, second = Zoom(server.url).sign_in(), Zoom(server.url).sign_in()

    # When
    answers = [zoom.call("GET", "/users/me/meetings").status_code for zoom in (first, second)]

    # Then
    assert first.session.headers["Authorization"] != second.session.headers["Authorization"]
    assert answers == [200, 200]


def test_a_token_stops_working_after_token_ttl(start_sandbox):
    # Given
    server = start_sandbox(token_ttl=1)
    zoom = Zoom(server.url).sign_in()
    assert zoom.call("GET", "/users/me/meetings").status_code == 200

    # When
    time.sleep(1.1)
    response = zoom.call("GET", "/users/me/meetings")

    # Then
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Invalid access token."}
