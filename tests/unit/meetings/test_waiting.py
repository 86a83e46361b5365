"""At most a quarter of the web threads (WEB_THREADS, 8 by default: 2) wait on `Prefer: wait` at
once; while they are taken a request asking to wait gets its 202 at once."""

import time
from contextlib import ExitStack

import pytest
from django.conf import settings

from tests.conftest import future
from zoom_worker.meetings.waiting import wait_slot

pytestmark = pytest.mark.django_db
MEETINGS = "/api/v1/zoom/meetings/"


def create_waiting(api, expert, seconds: int):
    began = time.monotonic()
    response = api(expert).post(
        MEETINGS,
        {"topic": "Ön görüşme", "start_time": future()},
        format="json",
        HTTP_PREFER=f"wait={seconds}",
    )
    return response, time.monotonic() - began


def test_a_quarter_of_the_threads_may_wait():
    assert settings.WEB_THREADS == 8 and settings.LUNOVA_PREFER_WAIT_SLOTS == 2
    with ExitStack() as held:
        taken = [held.enter_context(wait_slot()) for _ in range(3)]
    assert taken == [True, True, False]


def test_while_every_slot_waits_a_request_is_answered_at_once(api, expert):
    # given two requests waiting already (the slots held), no worker running
    with ExitStack() as held:
        for _ in range(settings.LUNOVA_PREFER_WAIT_SLOTS):
            assert held.enter_context(wait_slot())
        # when a third asks to wait 5 seconds
        response, took = create_waiting(api, expert, 5)
    # then it gets the 202 at once, saying it did not wait
    assert response.status_code == 202
    assert took < 2
    assert "Preference-Applied" not in response.headers


def test_with_a_slot_free_it_waits(api, expert):
    response, took = create_waiting(api, expert, 1)
    assert response.status_code == 202
    assert took >= 1
    assert response.headers["Preference-Applied"] == "wait=1"
