"""A session ends LUNOVA_SESSION_MAX_DAYS after its login, however often it is refreshed."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest

TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"


@contextmanager
def clock_moved(delta: timedelta):
    """simplejwt's clock and PyJWT's (which checks `exp` and `iat` when decoding) moved on."""
    moment = datetime.now(UTC) + delta

    class Moved(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz)

    with (
        mock.patch("rest_framework_simplejwt.tokens.aware_utcnow", return_value=moment),
        mock.patch("jwt.api_jwt.datetime", Moved),
    ):
        yield


def refresh_at(api, refresh: str, days: float):
    with clock_moved(timedelta(days=days)):
        return api(None).post(REFRESH, {"refresh": refresh}, format="json")


def login(api) -> str:
    body = {"username": "ayse", "password": "uzman-parola-1"}
    response = api(None).post(TOKEN, body, format="json")
    assert response.status_code == 200
    return response.json()["refresh"]


@pytest.mark.django_db
def test_a_session_refreshed_in_time_still_ends_30_days_after_its_login(api, expert):
    # given a login, refreshed every 6 days (each refresh token lives 7), the last on day 29
    refresh = login(api)
    for day in (6, 12, 18, 24, 29):
        response = refresh_at(api, refresh, day)
        assert response.status_code == 200, (day, response.content)
        refresh = response.json()["refresh"]
    # when the latest refresh token, not expired itself, is spent 30 days after the login
    response = refresh_at(api, refresh, 30)
    # then the session is over: no new tokens
    assert response.status_code == 401
    assert "access" not in response.json()


@pytest.mark.django_db
def test_the_session_length_is_a_setting(api, expert, settings):
    # given sessions of 2 days
    settings.LUNOVA_SESSION_MAX_DAYS = 2
    refresh = login(api)
    # when the session is refreshed on day 1, then with the new token on day 2
    first = refresh_at(api, refresh, 1)
    assert first.status_code == 200
    second = refresh_at(api, first.json()["refresh"], 2)
    # then the second refresh is refused
    assert second.status_code == 401
