"""Login attempts are throttled per username and per address, writes per user; limits are settings.

Default login rate: 10/min (LUNOVA_THROTTLE_LOGIN). "Well before 40 wrong passwords a minute"
is checked as: the 429 comes by the 11th attempt and stays.
"""

import pytest
from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import SimpleRateThrottle

from tests.conftest import future
from tests.factories import related

TOKEN = "/api/v1/auth/token/"
APPOINTMENTS = "/api/v1/appointments/"
ATTEMPTS = 40


def statuses(api, attempts) -> list[int]:
    """POST each (body, extra request headers) to the token endpoint; the statuses in order."""
    return [
        api(None).post(TOKEN, body, format="json", **extra).status_code for body, extra in attempts
    ]


def first_429(codes: list[int]) -> int:
    """1-based attempt number of the first 429."""
    return codes.index(429) + 1


@pytest.mark.django_db
def test_wrong_passwords_for_one_user_from_many_addresses_are_throttled(api, expert):
    # given 40 wrong passwords for one username, each from another address
    attempts = [
        ({"username": "ayse", "password": f"guess-{i}"}, {"REMOTE_ADDR": f"10.0.{i}.1"})
        for i in range(ATTEMPTS)
    ]
    # when they are tried within a minute
    codes = statuses(api, attempts)
    # then they are refused, and throttled from the 11th on whatever the address
    assert set(codes[:10]) == {401}
    assert first_429(codes) == 11
    assert set(codes[10:]) == {429}


@pytest.mark.django_db
def test_the_right_password_is_throttled_too_once_the_user_is(api, expert):
    # given a username throttled by wrong guesses
    statuses(api, [({"username": "ayse", "password": "wrong"}, {})] * 11)
    # when the right password comes from elsewhere
    response = api(None).post(
        TOKEN,
        {"username": "ayse", "password": "uzman-parola-1"},
        format="json",
        REMOTE_ADDR="192.0.2.77",
    )
    # then it waits too (a guess that happens to be right gains nothing), and says how long
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]


@pytest.mark.django_db
def test_many_usernames_from_one_address_are_throttled(api, expert):
    # given 40 wrong passwords, each for another username, from one address
    attempts = [({"username": f"user{i}", "password": "x"}, {}) for i in range(ATTEMPTS)]
    # when they are tried within a minute
    codes = statuses(api, attempts)
    # then the address is throttled from the 11th on
    assert first_429(codes) == 11
    assert set(codes[10:]) == {429}


@pytest.mark.django_db
def test_a_made_up_forwarded_address_does_not_escape_the_address_throttle(api, expert):
    # given 40 attempts, each claiming another client address in X-Forwarded-For, behind
    # the proxy that appends the address it really saw (LUNOVA_NUM_PROXIES=1)
    attempts = [
        (
            {"username": f"user{i}", "password": "x"},
            {"HTTP_X_FORWARDED_FOR": f"203.0.113.{i}, 198.51.100.7"},
        )
        for i in range(ATTEMPTS)
    ]
    # when they are tried within a minute
    codes = statuses(api, attempts)
    # then the real address is throttled from the 11th on
    assert first_429(codes) == 11


@pytest.mark.django_db
def test_writes_are_throttled_per_user(api, rates, expert, other_expert, client_user):
    # given a write rate of 3 a minute, and a client who chose both experts
    rates(writes="3/min")
    related(expert=other_expert, client=client_user)
    booking = {"client": client_user.pk, "start_time": future()}
    # when one expert books four times
    codes = [api(expert).post(APPOINTMENTS, booking, format="json").status_code for _ in range(4)]
    # then the fourth is throttled
    assert codes == [201, 201, 201, 429]
    # while another expert still books, and the first can still read
    assert api(other_expert).post(APPOINTMENTS, booking, format="json").status_code == 201
    assert api(expert).get(APPOINTMENTS).status_code == 200


@pytest.mark.django_db
def test_the_login_rate_is_a_setting(api, rates, expert):
    # given a login rate of 3 a minute
    rates(login="3/min", login_ip="3/min")
    # when wrong passwords are tried
    codes = statuses(api, [({"username": "ayse", "password": "wrong"}, {})] * 5)
    # then the fourth is throttled
    assert codes == [401, 401, 401, 429, 429]


@pytest.mark.django_db
def test_throttles_fail_open_when_redis_is_down(api, expert, monkeypatch):
    # given a throttle cache on a Redis that refuses connections (nothing listens on port 1)
    down = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    monkeypatch.setattr(SimpleRateThrottle, "cache", down)
    # when more wrong passwords come than the limit allows
    codes = statuses(api, [({"username": "ayse", "password": "wrong"}, {})] * 12)
    # then logins are still answered (refused for the password, not throttled)
    assert set(codes) == {401}
