"""JWT hygiene: short-lived access tokens, refresh rotation with a blacklist, logout."""

from datetime import timedelta

import pytest
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
LOGOUT = "/api/v1/auth/logout/"
ME = "/api/v1/auth/me/"


def login(api) -> dict:
    response = api(None).post(
        TOKEN, {"username": "ayse", "password": "uzman-parola-1"}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def bearer(api, access: str):
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


@pytest.mark.django_db
def test_login_gives_a_short_lived_access_token(api, expert):
    # when the expert logs in
    tokens = login(api)
    # then the access token lives at most 15 minutes and opens the API as that user
    access = AccessToken(tokens["access"])
    assert access["exp"] - access["iat"] <= 15 * 60
    me = bearer(api, tokens["access"]).get(ME)
    assert me.status_code == 200
    assert me.json() == {
        "id": expert.pk,
        "username": "ayse",
        "role": "expert",
        "first_name": "Uzm. Dr. Ayşe",
        "last_name": "Yılmaz",
        "email": "ayse@example.com",
    }


@pytest.mark.django_db
def test_an_account_without_an_email_address_shows_it_as_null(api, expert):
    # given an expert whose account has no email address (stored as "")
    expert.email = ""
    expert.save(update_fields=["email"])
    # when they read their profile
    me = bearer(api, login(api)["access"]).get(ME)
    # then the address is null, which the schema allows, not "", which is no email address
    assert me.status_code == 200
    assert me.json()["email"] is None


@pytest.mark.django_db
def test_a_wrong_password_gets_no_token(api, expert):
    response = api(None).post(TOKEN, {"username": "ayse", "password": "yanlış"}, format="json")
    assert response.status_code == 401
    assert "access" not in response.json()


@pytest.mark.django_db
def test_refresh_rotates_and_the_old_refresh_token_is_dead(api, expert):
    # given a refresh token
    old = login(api)["refresh"]
    # when it is used once
    rotated = api(None).post(REFRESH, {"refresh": old}, format="json")
    # then a new access and a new refresh token come back
    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != old
    assert bearer(api, rotated.json()["access"]).get(ME).status_code == 200
    # and the old one is refused from then on (a stolen copy cannot be replayed)
    again = api(None).post(REFRESH, {"refresh": old}, format="json")
    assert again.status_code == 401


@pytest.mark.django_db
def test_logout_blacklists_the_refresh_token(api, expert):
    # given a logged-in session
    tokens = login(api)
    # when the user logs out
    response = bearer(api, tokens["access"]).post(
        LOGOUT, {"refresh": tokens["refresh"]}, format="json"
    )
    # then the refresh token mints nothing more
    assert response.status_code == 204
    assert api(None).post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401


@pytest.mark.django_db
def test_logout_needs_the_access_token(api, expert):
    tokens = login(api)
    response = api(None).post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")
    assert response.status_code == 401
    # and the refresh token still works: nothing was revoked by the refused call
    assert api(None).post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 200


@pytest.mark.django_db
def test_an_expired_access_token_is_refused(api, expert):
    # given an access token whose life ended a second ago
    access = AccessToken.for_user(expert)
    access.set_exp(lifetime=timedelta(seconds=-1))
    # when it is used
    response = bearer(api, str(access)).get(ME)
    # then the caller must refresh
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_refresh_token_does_not_open_the_api(api, expert):
    response = bearer(api, str(RefreshToken.for_user(expert))).get(ME)
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_deactivated_users_token_is_refused(api, expert):
    # given a token issued before the account was deactivated
    access = str(AccessToken.for_user(expert))
    expert.is_active = False
    expert.save(update_fields=["is_active"])
    # when it is used
    # then it opens nothing
    assert bearer(api, access).get(ME).status_code == 401


@pytest.mark.django_db
def test_refreshing_the_token_of_a_deleted_user_is_401(api, expert):
    # given a refresh token whose user was deleted since
    refresh = str(RefreshToken.for_user(expert))
    expert.delete()
    # when it is spent
    response = api(None).post(REFRESH, {"refresh": refresh}, format="json")
    # then it is refused as for a deactivated user, and mints nothing
    assert response.status_code == 401
    assert "access" not in response.json()
