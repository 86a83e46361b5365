"""One refresh token is spent once, however many requests race to spend it.

Refresh tokens rotate and the old one is blacklisted; without the spend being atomic, concurrent
refreshes with one token all pass the blacklist check and each mints a new pair.
"""

import threading

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from zoom_worker.api.auth_views import RefreshView

pytestmark = pytest.mark.django_db(transaction=True)

CONCURRENT = 10
ROUNDS = 6


@pytest.fixture
def refresh_url(live_server, monkeypatch):
    # Sixty refreshes from one address within the test: well over the per-address throttle.
    monkeypatch.setattr(RefreshView, "throttle_classes", [])
    return f"{live_server.url}/api/v1/auth/token/refresh/"


def spend_at_once(url: str, refresh: str) -> list[int]:
    """POST the same refresh token from CONCURRENT threads released together; their statuses."""
    barrier = threading.Barrier(CONCURRENT)
    statuses: list[int] = []

    def spend():
        with requests.Session() as session:
            # Connected before the barrier, so the requests leave together.
            session.get(url, timeout=10)
            barrier.wait()
            statuses.append(session.post(url, json={"refresh": refresh}, timeout=30).status_code)

    threads = [threading.Thread(target=spend) for _ in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_concurrent_refreshes_with_one_token_mint_one_pair(refresh_url, expert):
    for _ in range(ROUNDS):
        # given a fresh refresh token
        refresh = str(RefreshToken.for_user(expert))
        # when ten requests spend it at the same moment
        statuses = spend_at_once(refresh_url, refresh)
        # then exactly one gets a new pair, and the others are refused
        assert sorted(statuses) == [200] + [401] * (CONCURRENT - 1), statuses
