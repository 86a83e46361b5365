import os
import signal
import subprocess
import sys

import requests

from tests.plugins.services import ROOT, free_port, wait_for_port

from .conftest import Zoom


def _start(*args, **env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "zoom_sandbox", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_command_serves_zoom_until_sigterm_and_stops_cleanly():
    # Given
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start("--port", str(port))
    try:
        wait_for_port(port, timeout=20)

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
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start(
        "--medium-rate", "5", "--daily-cap", "7", "--error-rate", "1", ZOOM_SANDBOX_PORT=str(port)
    )
    try:
        # When
        wait_for_port(port, timeout=20)
        state = requests.get(f"{url}/_sandbox/state", timeout=5).json()
        token = Zoom(url).fetch_token()
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)

    # Then
    assert state["limits"] == {"medium_per_second": 5, "light_per_second": 30, "daily_per_host": 7}
    assert token.status_code in {500, 502, 503}
    assert process.returncode == 0


def test_options_set_the_tokens_scopes_and_the_language_of_errors():
    # Given
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start("--port", str(port), "--scopes", "meeting:read:admin", "--language", "tr")
    try:
        # When
        wait_for_port(port, timeout=20)
        zoom = Zoom(url)
        scope = zoom.fetch_token().json()["scope"]
        refused = zoom.sign_in().call("GET", "/users")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)

    # Then
    assert scope == "meeting:read:admin"
    assert refused.json() == {
        "code": 4711,
        "message": (
            "Geçersiz erişim belirteci, şu kapsamları içermiyor: [user:read:list_users:admin]"
        ),
    }
