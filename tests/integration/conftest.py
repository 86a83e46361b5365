"""What the reliability tests share: the worker's sync run in this process, a Redis of their
own, Celery beat, killing a worker, and pointing this process (publishes, token cache, limits,
throttles) at another Redis."""

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import psutil
import pytest
from django.utils import timezone

from celery_app import app
from tests.conftest import Workers, service_env
from tests.plugins.services import ROOT, free_port, start_redis
from zoom_worker.connections import reset_connections
from zoom_worker.models import Meeting
from zoom_worker.services.meetings import meeting_create
from zoom_worker.services.sync import meeting_sync

WORKER = "worker-1"


def sync(meeting: Meeting, worker: str = WORKER) -> str:
    """The worker's job for one meeting, run in this process (no Celery hop)."""
    return meeting_sync(meeting_id=meeting.pk, worker_id=worker)


def fresh(meeting: Meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


def in_days(days: float):
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


def zoom_time(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def new_meeting(expert, sandbox):
    """A meeting the worker has not made yet (the stand-in is reset by `sandbox`)."""

    def make(owner=None) -> Meeting:
        return meeting_create(
            owner=owner or expert, topic="Terapi", start_time=in_days(2), duration=45
        )

    return make


@pytest.fixture
def ready_meeting(new_meeting):
    def make(owner=None) -> Meeting:
        meeting = new_meeting(owner)
        assert sync(meeting) == Meeting.Status.READY
        return fresh(meeting)

    return make


def _forget_broker_connections() -> None:
    # Celery keeps a connection and producer pool per process; the next publish builds new ones.
    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def point_at_redis(settings):
    """Point this process at the Redis at a URL (the worker processes get it from service_env)."""
    original = app.conf.broker_url

    def point(url: str) -> None:
        settings.REDIS_URL = url
        settings.CELERY_BROKER_URL = url
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
        app.conf.broker_url = url
        _forget_broker_connections()
        reset_connections()

    yield point
    app.conf.broker_url = original
    _forget_broker_connections()
    reset_connections()


class RedisServer:
    """A redis-server of the test's own on a free port: it can die and come back empty."""

    def __init__(self, data_dir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.data_dir = data_dir
        self.process = start_redis(self.port, data_dir=data_dir)

    def kill(self) -> None:
        """SIGKILL: no shutdown save (none is configured anyway); every queued message is lost."""
        self.process.kill()
        self.process.wait()

    def start(self) -> None:
        self.process = start_redis(self.port, data_dir=self.data_dir)


@pytest.fixture
def own_redis(tmp_path, point_at_redis):
    """A dedicated Redis for a test that restarts it, leaving the machine's Redis untouched."""
    server = RedisServer(tmp_path / "redis")
    point_at_redis(server.url)
    yield server
    server.kill()


class Beat(Workers):
    """A real `celery -A celery_app beat` process, stopped like the workers."""

    def start(self, **env) -> subprocess.Popen:
        log = open(self.log_dir / "beat.log", "ab")  # noqa: SIM115 - closed in stop()
        # The file scheduler keeps the test off django_celery_beat's tables; the schedule is
        # CELERY_BEAT_SCHEDULE either way.
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "celery_app",
                "beat",
                "--loglevel",
                "INFO",
                "--scheduler",
                "celery.beat:PersistentScheduler",
                "--schedule",
                str(self.log_dir / "beat-schedule"),
            ],
            cwd=ROOT,
            env=service_env(**env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        return process


@pytest.fixture
def beat(tmp_path, transactional_db):
    processes = Beat(tmp_path)
    yield processes
    processes.stop()


def kill_worker(process: subprocess.Popen) -> None:
    """SIGKILL a worker's main process and its pool children at once: a machine that died."""
    for child in psutil.Process(process.pid).children(recursive=True):
        child.send_signal(signal.SIGKILL)
    process.kill()
    process.wait()
