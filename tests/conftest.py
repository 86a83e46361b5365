"""Shared fixtures: users, authenticated API clients, the Zoom stand-in and Celery workers."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from lunova.users.services import user_create
from tests.factories import related
from tests.plugins.services import ROOT
from zoom_sandbox.control import SandboxControl
from zoom_sandbox.server import SandboxServer
from zoom_worker.core.connections import redis_connection, reset_connections


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for attackers, not for the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def expert(db):
    return user_create(
        username="ayse",
        role="expert",
        password="uzman-parola-1",
        first_name="Uzm. Dr. Ayşe",
        last_name="Yılmaz",
        email="ayse@example.com",
    )


@pytest.fixture
def client_user(db, expert):
    """A client who chose `expert` (an active care relation), so the expert may book them."""
    client = user_create(
        username="mehmet",
        role="client",
        password="danisan-parola-1",
        first_name="Mehmet",
        last_name="Demir",
        email="mehmet@example.com",
    )
    related(expert=expert, client=client)
    return client


@pytest.fixture
def other_expert(db):
    return user_create(username="zeynep", role="expert", password="uzman-parola-2")


@pytest.fixture
def other_client(db):
    return user_create(username="ali", role="client", password="danisan-parola-2")


def api_as(user) -> APIClient:
    api = APIClient()
    if user is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return api


@pytest.fixture
def api():
    return api_as


def future(**delta) -> str:
    """An ISO time in the future, UTC with Z."""
    when = timezone.now() + timedelta(**(delta or {"days": 1}))
    return when.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(autouse=True)
def _clean_redis():
    """Each test starts with an empty Redis: no token, no buckets, no queued events."""
    reset_connections()
    redis_connection().flushdb()
    yield
    reset_connections()


@pytest.fixture(autouse=True)
def _clean_broker_queues():
    """On RabbitMQ (Redis, flushed above, holds no queue then), each test starts with no task
    queued, none parked in the native delayed-delivery queues either."""
    if settings.BROKER_IS_AMQP:
        purge_amqp_queues()


def purge_amqp_queues() -> None:
    from kombu.transport.native_delayed_delivery import MAX_LEVEL, level_name

    from celery_app import app

    names = [app.conf.task_default_queue, *(level_name(level) for level in range(MAX_LEVEL + 1))]
    with app.connection_for_write() as conn:
        for name in names:
            # A channel each: purging a queue not declared yet closes the channel it was asked on.
            channel = conn.channel()
            try:
                channel.queue_purge(name)
            except conn.channel_errors:
                pass
            finally:
                with contextlib.suppress(*conn.channel_errors, *conn.connection_errors):
                    channel.close()


@pytest.fixture(scope="session")
def sandbox_server():
    server = SandboxServer(host="127.0.0.1", port=settings.ZOOM_SANDBOX_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sandbox(sandbox_server) -> SandboxControl:
    control = SandboxControl(sandbox_server.url)
    control.reset()
    return control


def database_url() -> str:
    """The URL of the test database pytest-django created, for processes the tests start."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def service_env(**overrides) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "ZOOM_SANDBOX_PORT": str(settings.ZOOM_SANDBOX_PORT),
        "LUNOVA_RETRY_BACKOFF_MAX": "2",
        "PYTHONUNBUFFERED": "1",
    }
    env.update({k: str(v) for k, v in overrides.items()})
    return env


class CeleryProcesses:
    """Real `celery -A celery_app ...` processes a test starts; `stop` ends them all."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def spawn(self, name: str, *args: str, **env) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "celery_app", *args],
            cwd=ROOT,
            env=service_env(**env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        return process

    def stop(self) -> None:
        # SIGQUIT is Celery's cold shutdown: no waiting for tasks in flight, which the test no
        # longer needs (their Redis is flushed before the next test).
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.log.close()
        self.processes.clear()


class Workers(CeleryProcesses):
    """Real `celery -A celery_app worker` processes."""

    def start(self, *, concurrency: int = 2, name: str | None = None, **env) -> subprocess.Popen:
        name = name or f"w{len(self.processes)}"
        return self.spawn(
            name,
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            str(concurrency),
            "--hostname",
            f"{name}@%h",
            "--without-mingle",
            "--without-gossip",
            **env,
        )


@pytest.fixture
def workers(tmp_path, transactional_db):
    pool = Workers(tmp_path)
    yield pool
    pool.stop()


@pytest.fixture
def worker(workers, sandbox):
    """One worker process (two children), ready to take tasks."""
    workers.start()
    return workers


def wait_until(predicate, *, timeout: float = 30.0, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(message or f"condition not met within {timeout} s")
