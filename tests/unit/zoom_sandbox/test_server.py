import re
import threading
import time

import pytest
import requests

from zoom_sandbox.server import SandboxServer

from .conftest import Zoom


def test_port_0_serves_on_a_free_port_named_in_url():
    # When
    with SandboxServer(port=0) as server:
        # Then
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.url)
        assert not server.url.endswith(":0")
        assert requests.get(f"{server.url}/_sandbox/state", timeout=5).status_code == 200


def test_after_stop_nothing_is_served_not_even_on_a_kept_alive_connection():
    # Given
    server = SandboxServer().start()
    zoom = Zoom(server.url).sign_in()
    assert zoom.call("GET", "/users/me/meetings").status_code == 200

    # When
    server.stop()

    # Then
    with pytest.raises(requests.ConnectionError):
        zoom.call("GET", "/users/me/meetings")


def test_a_slow_answer_holds_up_no_one_else(zoom, control):
    # Given
    control.set_faults(script=[{"op": "list", "fault": "timeout", "seconds": 0.5}])
    slow = threading.Thread(target=zoom.call, args=("GET", "/users/me/meetings"))
    slow.start()
    time.sleep(0.05)

    # When
    started = time.monotonic()
    response = Zoom(zoom.url).sign_in().call("GET", "/meetings/12345678901")

    # Then
    assert response.status_code == 404
    assert time.monotonic() - started < 0.3
    slow.join()


def test_an_unknown_path_is_a_json_404(zoom):
    # When
    response = zoom.call("GET", "/webinars/1")

    # Then
    assert response.status_code == 404
    assert response.json()["code"] == 404
