"""The per-username login limit counts a username however its JSON spells it.

A username of digits can come as a JSON string or a JSON number: the login reads both as the same
name, so the limit must count both as one, or a guesser sending the number gets unlimited tries.
"""

import pytest

from lunova.users.services import user_create

TOKEN = "/api/v1/auth/token/"
PASSWORD = "numarali-parola-1"


@pytest.fixture
def numbered_user(db):
    return user_create(username="20240017", role="client", password=PASSWORD)


def attempt(api, username, password: str, address: str) -> int:
    body = {"username": username, "password": password}
    return api(None).post(TOKEN, body, format="json", REMOTE_ADDR=address).status_code


def test_wrong_passwords_with_a_numeric_username_are_throttled(api, numbered_user):
    # given 15 wrong passwords for the username sent as a JSON number, each from another address
    codes = [attempt(api, 20240017, f"guess-{i}", f"10.1.{i}.1") for i in range(15)]
    # then they are refused, and throttled from the 11th on
    assert codes == [401] * 10 + [429] * 5
    # and the right password, as a number or as a string, waits too
    assert attempt(api, 20240017, PASSWORD, "192.0.2.10") == 429
    assert attempt(api, "20240017", PASSWORD, "192.0.2.11") == 429


def test_a_username_as_string_and_as_number_share_one_limit(api, numbered_user):
    # given five wrong passwords with the username as a string, five as a number
    codes = [attempt(api, "20240017", "wrong", f"10.2.{i}.1") for i in range(5)]
    codes += [attempt(api, 20240017, "wrong", f"10.3.{i}.1") for i in range(5)]
    # when the eleventh comes, with spaces around the name the login trims away
    codes.append(attempt(api, " 20240017 ", "wrong", "10.4.0.1"))
    # then it is throttled: one name, one limit
    assert codes == [401] * 10 + [429]
