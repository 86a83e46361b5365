import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from .conftest import Zoom

ROOT = Path(__file__).resolve().parents[3]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(*args, **env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "zoom_sandbox", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_until_serving(url, process):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            return requests.get(f"{url}/_sandbox/state", timeout=1).json()
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"nothing served at {url}")


def test_the_command_serves_zoom_until_sigterm_and_stops_cleanly():
    # Given
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start("--port", str(port))
    try:
        _wait_until_serving(url, process)

        # When
        token = Zoom(url).fetch_token()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    # Then
    assert token.status_code == 200
    assert process.returncode == 0
    assert f"serving at {url}" in output
    assert "stopped" in output


def test_the_port_defaults_to_the_setting_and_options_set_limits_and_faults():
    # Given
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start(
        "--medium-rate", "5", "--daily-cap", "7", "--error-rate", "1", ZOOM_SANDBOX_PORT=str(port)
    )
    try:
        # When
        state = _wait_until_serving(url, process)
        token = Zoom(url).fetch_token()
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)

    # Then
    assert state["limits"] == {"medium_per_second": 5, "light_per_second": 30, "daily_per_host": 7}
    assert token.status_code in {500, 502, 503}
    assert process.returncode == 0
