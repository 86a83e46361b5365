"""A password change, however it is made, ends every session of that user: its refresh tokens
mint nothing more, and its access tokens open nothing."""

import pytest
from django.core.management import call_command
from django.test import Client

from lunova.users.models import User

TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
ME = "/api/v1/auth/me/"
OLD_PASSWORD = "uzman-parola-1"  # the expert fixture's
NEW_PASSWORD = "Yepyeni-parola-2030"


def login(api, password: str = OLD_PASSWORD) -> dict:
    body = {"username": "ayse", "password": password}
    response = api(None).post(TOKEN, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def refreshed(api, refresh: str) -> int:
    return api(None).post(REFRESH, {"refresh": refresh}, format="json").status_code


def opens(api, access: str) -> int:
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get(ME).status_code


def change_in_code(expert):
    expert.set_password(NEW_PASSWORD)
    expert.save()


def change_with_the_command(expert, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)
    call_command("changepassword", "ayse", stdout=None)


def change_in_the_admin(expert):
    operator = User.objects.create_superuser("operator", password="operator-parola-1")
    browser = Client()
    browser.force_login(operator)
    response = browser.post(
        f"/admin/users/user/{expert.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["code", "command", "admin"])
def test_a_password_change_ends_every_session(api, expert, monkeypatch, how):
    # given two sessions of the expert (say, phone and laptop)
    phone, laptop = login(api), login(api)
    # when the password is changed in code, with `changepassword`, or in the admin
    if how == "code":
        change_in_code(expert)
    elif how == "command":
        change_with_the_command(expert, monkeypatch)
    else:
        change_in_the_admin(expert)
    # then neither session's refresh token mints new tokens, nor does its access token open
    # anything
    assert [refreshed(api, phone["refresh"]), refreshed(api, laptop["refresh"])] == [401, 401]
    assert [opens(api, phone["access"]), opens(api, laptop["access"])] == [401, 401]
    # and a login with the new password starts a session that refreshes
    fresh = login(api, NEW_PASSWORD)
    assert refreshed(api, fresh["refresh"]) == 200


@pytest.mark.django_db
def test_saving_the_user_without_a_new_password_ends_nothing(api, expert):
    # given a session
    tokens = login(api)
    # when the user's name is changed
    expert.first_name = "Ayşe Nur"
    expert.save()
    # then the session goes on
    assert refreshed(api, tokens["refresh"]) == 200
