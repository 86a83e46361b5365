"""A username of any JSON type is answered 400 or 401, never 500, and gives no token."""

import pytest

TOKEN = "/api/v1/auth/token/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username",
    [
        pytest.param(20240017, id="integer"),
        pytest.param(-1.5, id="float"),
        pytest.param(10**4000, id="a 4001-digit integer"),
        pytest.param(True, id="boolean"),
        pytest.param(None, id="null"),
        pytest.param(["ayse"], id="list"),
        pytest.param({"username": "ayse"}, id="object"),
        pytest.param("", id="empty"),
        pytest.param("a\x00b", id="NUL"),
    ],
)
def test_a_username_of_any_type_gets_a_clean_refusal(api, expert, username):
    # given a username that is not a plain string (or not a usable one)
    body = {"username": username, "password": "uzman-parola-1"}
    # when it is sent to the token endpoint
    response = api(None).post(TOKEN, body, format="json")
    # then the answer is a refusal the caller can read, never a server error
    assert response.status_code in (400, 401), response.content
    assert "access" not in response.json()
