"""The write throttle's window in Redis (one script call per request): it slides, it holds under
concurrent requests, and its 429 says how long to wait, in the caller's language."""

from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from tests.conftest import future
from zoom_worker.api.throttles import WriteThrottle

APPOINTMENTS = "/api/v1/appointments/"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand."""
    now = SimpleNamespace(value=1_800_000_000.0)
    monkeypatch.setattr(WriteThrottle, "timer", staticmethod(lambda: now.value))
    return now


@pytest.mark.django_db
def test_the_window_slides(api, expert, client_user, rates, clock):
    # given a write rate of 2 a minute, both taken
    rates(writes="2/min")
    booking = {"client": client_user.pk, "start_time": future()}
    post = lambda: api(expert).post(APPOINTMENTS, booking, format="json")  # noqa: E731
    first = post().status_code
    clock.value += 20
    second = post().status_code
    # when a third comes 10 s later, then one 31 s later (the first has left the window)
    clock.value += 10
    refused = post()
    clock.value += 31
    after = post().status_code
    # then the third waits the 30 s until the first leaves the window; the fourth goes through
    assert [first, second, refused.status_code, after] == [201, 201, 429, 201]
    assert refused["Retry-After"] == "30"


@pytest.mark.django_db
def test_concurrent_requests_do_not_share_the_last_place(rates):
    # given a rate of 5 a minute for one user
    rates(writes="5/min")
    request = SimpleNamespace(method="POST", user=SimpleNamespace(pk=4242))
    # when 40 of their writes are checked at once
    with ThreadPoolExecutor(8) as pool:
        allowed = list(pool.map(lambda _: WriteThrottle().allow_request(request, None), range(40)))
    # then exactly 5 are allowed
    assert allowed.count(True) == 5


@pytest.mark.django_db
def test_the_429_says_how_long_to_wait_in_the_callers_language(
    api, expert, client_user, rates, clock
):
    # given a write rate of 1 a minute, taken
    rates(writes="1/min")
    booking = {"client": client_user.pk, "start_time": future()}
    api(expert).post(APPOINTMENTS, booking, format="json")
    # when the next write comes 15 s later, asking for Turkish
    clock.value += 15
    response = api(expert).post(APPOINTMENTS, booking, format="json", HTTP_ACCEPT_LANGUAGE="tr")
    # then the 429 tells, in Turkish, the 45 s left
    assert response.status_code == 429
    assert response.json()["detail"] == (
        "Üst üste çok fazla istek yapıldı. 45 saniye içinde erişilebilir olması bekleniyor."
    )
    assert response["Retry-After"] == "45"
