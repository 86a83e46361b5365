"""Over real HTTP, on the real cache: a username sent as a JSON number is throttled as the same
name sent as a string (the per-username login limit, LUNOVA_THROTTLE_LOGIN = 10/min)."""

import pytest
import requests

from lunova.users.services import user_create

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "numarali-parola-1"


def test_guessing_with_a_numeric_username_is_throttled(live_server):
    # given a user whose username is digits
    user_create(username="20240017", role="client", password=PASSWORD)
    url = f"{live_server.url}/api/v1/auth/token/"

    def attempt(username, password: str, address: str) -> int:
        # The live server trusts one proxy: X-Forwarded-For's last entry is the address.
        body = {"username": username, "password": password}
        headers = {"X-Forwarded-For": address}
        return requests.post(url, json=body, headers=headers, timeout=10).status_code

    # when 15 wrong passwords come with the username as a JSON number, each from another address
    codes = [attempt(20240017, f"guess-{i}", f"10.9.{i}.1") for i in range(15)]
    # then the 11th and later are throttled, and so is the right password after them
    assert codes == [401] * 10 + [429] * 5
    assert attempt(20240017, PASSWORD, "192.0.2.99") == 429
