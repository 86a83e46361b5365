"""CPU per meeting: what provisioning one meeting costs the worker, against the least it could.

Imported once Django is set up on the bench database; `python bench/run.py --only cpu`. Each
figure is printed beside a baseline measured in the same run:
- (a) the worker's CPU per provisioned meeting: one Celery worker (a prefork pool of
  CONCURRENCY), N meetings booked in this process, from the first booking until every one is
  `ready` (and, with platform events on, its meeting.ready delivered); the worker's whole process
  tree, less what the same tree uses over an idle window as long. Events off, then on.
- (b) its floor: per meeting, one JSON POST to the same stand-in on a kept requests.Session and
  one UPDATE of a meeting row, in this process. The ratio (a) / (b) is what the service spends
  beyond the I/O a meeting needs at all.
- (c) the API: gunicorn's CPU per `POST /appointments/` beside per `GET /auth/me/` (the
  authenticated no-op), and creates/s over no-op/s, with API_CLIENTS clients (web alone).
- (d) the sequential drain: bookings posted one after another over HTTP with Zoom allowing
  SEQUENTIAL_RATE creates/s (the worker told the same), polled every POLL seconds until all are
  ready, against N/R.
"""

import contextlib
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import requests
from django.conf import settings
from django.db.models import Max

from bench import spy
from bench.fleet import book_in_process
from bench.load import Client
from bench.scenarios import (
    ApiFigures,
    People,
    api_throughput,
    book,
    forget_rate_state,
    meeting_ids,
    wait_settled,
    warm_up,
)
from zoom_worker.models import Meeting, PlatformEvent

KIND = "cpu"
CONCURRENCY = 4
API_CLIENTS = 8
SEQUENTIAL_RATE = 10
POLL = 0.5
EVENT_VARIABLES = ("LUNOVA_EVENTS_URL", "LUNOVA_EVENTS_SECRET")


@contextlib.contextmanager
def environment(**values: str | None):
    """os.environ with `values` set (None: unset) for the block: the processes started in it
    inherit them, and the bench's later processes do not."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        _set_environment(values)
        yield
    finally:
        _set_environment(saved)


def _set_environment(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def start_worker(stack, *, events: bool, rate: float | None = None) -> None:
    """One worker of CONCURRENCY pool processes, with platform events on or off (the events
    environment start_zoom set, or none), told `rate` creates/s when given."""
    changes: dict[str, str | None] = {}
    if not events:
        changes = dict.fromkeys(EVENT_VARIABLES)
    if rate is not None:
        changes["ZOOM_RATE_MEDIUM"] = f"{rate:g}"
    with environment(**changes):
        stack.start_workers(1, kind=KIND, extra=("--concurrency", str(CONCURRENCY)))


# --- (a) the worker's CPU per meeting -----------------------------------------------------


@dataclass
class Provisioned:
    count: int
    ids: list[int]  # the meetings made
    seconds: float  # from the first booking to the last meeting ready (its event delivered)
    busy_cpu: float  # the worker tree's CPU seconds over those seconds
    idle_cpu: float  # the same tree's CPU seconds over an idle window as long
    statuses: dict

    @property
    def per_meeting(self) -> float:
        return (self.busy_cpu - self.idle_cpu) / self.count


def events_delivered(ids: list[int]) -> int:
    """meeting.ready events delivered for the meetings (ids made together: a range holds them,
    and a range is cheaper to poll than a list of hundreds)."""
    return PlatformEvent.objects.filter(
        meeting_id__gte=min(ids),
        meeting_id__lte=max(ids),
        type=PlatformEvent.Type.MEETING_READY,
        state=PlatformEvent.State.DELIVERED,
    ).count()


def provision(
    stack, people: People, *, count: int, events: bool, profile: Path | None = None
) -> Provisioned:
    """The running worker of KIND makes `count` meetings; then it idles as long. `profile`:
    py-spy records the worker's process tree meanwhile, into that file (bench/spy.py)."""
    warm_up(stack.web_url, people, processes=CONCURRENCY)
    # The warm-up's own events still in flight would count as the provisioning's.
    pending = PlatformEvent.objects.filter(state=PlatformEvent.State.PENDING)
    deadline = time.monotonic() + 30
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    [worker] = stack.memory.kinds[KIND]
    watched = spy.recording(worker.popen.pid, profile) if profile else contextlib.nullcontext()
    with watched:
        cpu_before = stack.cpu_seconds(KIND)
        started = time.monotonic()
        ids = book_in_process(people, count, threads=2)
        statuses = wait_settled(ids, timeout=120 + count)
        deadline = time.monotonic() + 60
        while events and events_delivered(ids) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        seconds = time.monotonic() - started
        cpu_busy = stack.cpu_seconds(KIND)
    time.sleep(seconds)
    return Provisioned(
        count=count,
        ids=ids,
        seconds=seconds,
        busy_cpu=cpu_busy - cpu_before,
        idle_cpu=stack.cpu_seconds(KIND) - cpu_busy,
        statuses=statuses,
    )


# --- (b) the floor --------------------------------------------------------------------------


def floor(sandbox, ids: list[int]) -> float:
    """CPU seconds per meeting of the least a worker must do for one: a create POSTed to the
    stand-in on a kept session and its answer written to the meeting row, one UPDATE on a kept
    connection. This thread's CPU (time.thread_time): the bench's other threads (the memory
    sampler, the events receiver) are not the floor's. The stand-in's per-second and daily
    limits are off meanwhile, so a 429 never enters the loop; they are restored after."""
    limits = sandbox.state()["limits"]
    sandbox.set_limits(medium_per_second=0, daily_per_host=0)
    session = requests.Session()
    try:
        token = session.post(
            settings.ZOOM_OAUTH_TOKEN_URL,
            auth=(settings.ZOOM_CLIENT_ID, settings.ZOOM_CLIENT_SECRET),
            data={"grant_type": "account_credentials", "account_id": settings.ZOOM_ACCOUNT_ID},
            timeout=10,
        )
        token.raise_for_status()
        session.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        url = f"{settings.ZOOM_API_BASE_URL}/users/me/meetings"
        update = (
            f"UPDATE {Meeting._meta.db_table} SET zoom_meeting_id = %s, join_url = %s, "  # noqa: S608 - a model's table name
            "updated_at = now() WHERE id = %s"
        )
        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as database:

            def one(pk: int) -> None:
                answer = session.post(url, json=create_body(), timeout=10)
                answer.raise_for_status()
                made = answer.json()
                database.execute(update, [str(made["id"]), made["join_url"], pk])

            one(ids[0])  # warm-up: the connection to the stand-in
            began = time.thread_time()
            for pk in ids:
                one(pk)
            return (time.thread_time() - began) / len(ids)
    finally:
        session.close()
        sandbox.set_limits(**limits)


def create_body() -> dict:
    """A create as the worker sends one: topic, start, duration, time zone, marker agenda."""
    start = time.gmtime(time.time() + 86400)
    return {
        "topic": "Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · 15 Ocak 2030 Salı, 13:00",
        "type": 2,
        "start_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", start),
        "duration": 45,
        "timezone": "Europe/Istanbul",
        "agenda": f"lunova:{uuid.uuid4()}",
    }


# --- (c) the API ----------------------------------------------------------------------------


def api(stack, people: People, *, seconds: float, rounds: int) -> ApiFigures:
    """creates against the no-op with API_CLIENTS clients (web alone: start no worker before)."""
    clients = People(
        people.experts[:API_CLIENTS], people.clients[:API_CLIENTS], people.tokens[:API_CLIENTS]
    )
    return api_throughput(
        stack.web_url,
        clients,
        seconds=seconds,
        rounds=rounds,
        server_cpu=lambda: stack.cpu_seconds("web"),
    )


# --- (d) the sequential drain ---------------------------------------------------------------


@dataclass
class Sequential:
    count: int
    rate: float
    posted_in: float
    polled: float  # first POST to the poll that saw none pending
    written: float  # first POST to the last meeting's write-back (the row's updated_at)
    statuses: dict

    @property
    def bound(self) -> float:
        return self.count / self.rate


def sequential(stack, people: People, sandbox, *, count: int) -> Sequential:
    """`count` bookings over HTTP one after another (each expert in turn, so no host nears Zoom's
    daily cap), with the stand-in allowing SEQUENTIAL_RATE creates/s and a worker told the
    same; polled every POLL s. Stops the worker of KIND it starts."""
    limits = sandbox.state()["limits"]
    sandbox.set_limits(medium_per_second=SEQUENTIAL_RATE)
    forget_rate_state()
    start_worker(stack, events=False, rate=SEQUENTIAL_RATE)
    clients = [Client(stack.web_url, token) for token in people.tokens]
    try:
        warm_up(stack.web_url, people, processes=CONCURRENCY)
        began = time.time()
        appointments = [
            book(clients[n % len(clients)], people, n % len(clients), n // len(clients))
            for n in range(count)
        ]
        posted_in = time.time() - began
        ids = meeting_ids(appointments)
        pending = Meeting.objects.filter(pk__in=ids, status=Meeting.Status.PENDING)
        deadline = time.time() + 120 + count
        while pending.exists() and time.time() < deadline:
            time.sleep(POLL)
        polled = time.time() - began
        last = Meeting.objects.filter(pk__in=ids).aggregate(last=Max("updated_at"))["last"]
        statuses = wait_settled(ids, timeout=0)
    finally:
        for client in clients:
            client.close()
        stack.stop_workers(KIND)
        sandbox.set_limits(**limits)
    return Sequential(
        count=count,
        rate=SEQUENTIAL_RATE,
        posted_in=posted_in,
        polled=polled,
        written=last.timestamp() - began,
        statuses=statuses,
    )
