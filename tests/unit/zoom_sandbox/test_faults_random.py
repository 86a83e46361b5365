import time

import pytest
import requests

from zoom_sandbox.control import SandboxControl
from zoom_sandbox.server import SandboxServer

from .conftest import Zoom


def test_error_rate_1_answers_every_call_with_a_5xx(zoom, control):
    # Given
    control.set_faults(error_rate=1, seed=1)

    # When
    statuses = [zoom.call("GET", "/users/me/meetings").status_code for _ in range(10)]

    # Then
    assert set(statuses) <= {500, 502, 503}
    assert sum(control.state()["counters"]["faults"].values()) == 10


def test_drop_rate_1_closes_every_connection_unanswered(zoom, control):
    # Given
    control.set_faults(drop_rate=1)

    # When / Then
    with pytest.raises(requests.ConnectionError):
        zoom.create()
    assert control.meetings() == []


def test_rate_429_answers_spurious_429s(zoom, control):
    # Given
    control.set_faults(rate_429=1, seed=3)

    # When
    responses = [zoom.call("GET", "/users/me/meetings") for _ in range(10)]

    # Then
    assert {response.status_code for response in responses} == {429}
    with_header = {"Retry-After" in response.headers for response in responses}
    assert with_header == {True, False}


def test_lose_create_rate_1_loses_every_create_answer_and_nothing_else(zoom, control):
    # Given
    control.set_faults(lose_create_rate=1)

    # When
    with pytest.raises(requests.ConnectionError):
        zoom.create()
    listing = zoom.call("GET", "/users/me/meetings")

    # Then
    assert len(control.meetings()) == 1
    assert listing.json()["total_records"] == 1


def test_the_same_seed_gives_the_same_faults(start_sandbox):
    # Given
    runs = []
    for _ in range(2):
        server = start_sandbox()
        zoom = Zoom(server.url).sign_in()
        SandboxControl(server.url).set_faults(error_rate=0.5, seed=7)

        # When
        runs.append([zoom.call("GET", "/users/me/meetings").status_code for _ in range(20)])

    # Then
    assert runs[0] == runs[1]
    assert 200 in runs[0] and len(set(runs[0])) > 1


def test_latency_delays_every_answer(zoom, control):
    # Given
    control.set_faults(latency_ms=150)

    # When
    started = time.monotonic()
    zoom.call("GET", "/users/me/meetings")

    # Then
    assert time.monotonic() - started >= 0.15


@pytest.mark.parametrize(
    "config",
    [
        {"error_rate": 0.6, "drop_rate": 0.6},
        {"error_rate": -0.1},
        {"typo_rate": 0.1},
        {"script": [{"op": "create", "fault": "teapot"}]},
        {"script": [{"op": "create_meeting", "fault": "500"}]},
        {"script": [{"op": "create", "fault": "500", "body": "html"}]},
        {"script": [{"op": "get", "fault": "timeout"}]},
        {"script": {"op": "create", "fault": "500"}},
    ],
)
def test_a_fault_set_up_that_makes_no_sense_is_refused(control, config):
    # When / Then
    with pytest.raises(requests.HTTPError, match="400"):
        control.set_faults(**config)


def test_the_server_refuses_unknown_fault_options():
    # When / Then
    with pytest.raises(ValueError, match="unknown fault settings"):
        SandboxServer(error_rat=0.1)
