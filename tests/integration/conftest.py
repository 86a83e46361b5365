"""What the reliability tests share: the worker's sync run in this process, a Redis of their
own, Celery beat, killing a worker, and pointing this process (publishes, token cache, limits,
throttles) at another Redis."""

import json
import os
import signal
import subprocess
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import kombu.pools
import psutil
import pytest
from django.utils import timezone

from celery_app import app
from tests.conftest import CeleryProcesses, Workers, wait_until
from tests.plugins.services import ROOT, free_port, start_redis
from zoom_worker.core.connections import reset_connections
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting

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


def next_midnight_utc() -> datetime:
    """When Zoom's daily limits reset."""
    return datetime.combine(timezone.now().date() + timedelta(days=1), time(), tzinfo=UTC)


@pytest.fixture
def new_meeting(expert, sandbox):
    """A meeting the worker has not made yet (the stand-in is reset by `sandbox`)."""

    def make(owner=None) -> Meeting:
        return standalone_meeting_create(
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
    # Celery keeps pooled broker connections per process (kombu's pools, kept by URL): close and
    # forget them all, so the next publish connects to the broker configured now.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def point_at_redis(settings, monkeypatch):
    """Point this process at the Redis at a URL, or only its publishes (`broker_only`).

    The worker processes get REDIS_URL from service_env when they start. With RabbitMQ as the
    broker only Redis moves, unless `broker_down`: then the broker is RabbitMQ at that URL's
    address (where nothing answers), as Redis would have been.
    """
    original = app.conf.broker_url

    def point(url: str, *, broker_only: bool = False, broker_down: bool = False) -> None:
        broker = url
        if settings.BROKER_IS_AMQP:
            address = urlsplit(url)
            broker = (
                f"amqp://guest:guest@{address.hostname}:{address.port}//"
                if broker_down
                else original
            )
        settings.CELERY_BROKER_URL = broker
        if not broker_only:
            settings.REDIS_URL = url
            settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
        app.conf.broker_url = broker
        if "CELERY_BROKER_URL" in os.environ:
            # Celery reads its broker from this variable before its configuration.
            monkeypatch.setenv("CELERY_BROKER_URL", broker)
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


class Beat(CeleryProcesses):
    """A real `celery -A celery_app beat` process."""

    def start(self, **env) -> subprocess.Popen:
        # The file scheduler keeps the test off django_celery_beat's tables; the schedule is
        # CELERY_BEAT_SCHEDULE either way.
        return self.spawn(
            "beat",
            "beat",
            "--loglevel",
            "INFO",
            "--scheduler",
            "celery.beat:PersistentScheduler",
            "--schedule",
            str(self.log_dir / "beat-schedule"),
            **env,
        )


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


def wait_until_ready(processes: Workers, timeout: float = 30) -> None:
    """Until every worker process started so far says it is ready to take tasks."""

    def ready(process) -> bool:
        process.log.flush()
        return " ready." in Path(process.log.name).read_text(errors="replace")

    wait_until(
        lambda: all(ready(process) for process in processes.processes),
        timeout=timeout,
        interval=0.2,
        message="a worker process never became ready",
    )


def report_figures(name: str, figures: dict) -> None:
    """Print a run's figures (seen with -s) and keep them in var/<name>-figures.json."""
    text = json.dumps(figures, indent=2, sort_keys=True)
    print(f"\n{name} figures:\n{text}")
    path = ROOT / "var" / f"{name}-figures.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text + "\n")
