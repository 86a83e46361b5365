"""The benchmarks themselves. Imported once Django is set up on the bench database."""

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken

from bench.load import Client, LoadResult, run_load
from zoom_sandbox.control import SandboxControl
from zoom_worker.core.connections import redis_connection
from zoom_worker.models import (
    Appointment,
    CareRelation,
    FormerZoomMeeting,
    HostSeat,
    Meeting,
    SyncAttempt,
    ZoomHost,
)

User = get_user_model()

APPOINTMENTS = "/api/v1/appointments/"
NO_OP = "/api/v1/auth/me/"


@dataclass
class People:
    experts: list
    clients: list
    tokens: list[str]  # one per expert


def make_people(count: int, *, prefix: str = "") -> People:
    """`count` experts, each with a Zoom user of their own (Zoom's daily cap is per host), and
    as many clients; `prefix` keeps a second set apart. Unusable passwords: the bench mints its
    tokens, nobody logs in."""
    experts = [
        User.objects.create_user(
            username=f"{prefix}uzman{i}",
            password=None,
            role=User.Role.EXPERT,
            first_name="Uzm. Dr. Ayşe",
            last_name=f"Yılmaz {i}",
            zoom_user=f"{prefix}uzman{i}@bench.lunova.test",
        )
        for i in range(count)
    ]
    clients = [
        User.objects.create_user(
            username=f"{prefix}danisan{i}", password=None, role=User.Role.CLIENT
        )
        for i in range(count)
    ]
    relate_pairs(experts, clients)
    return People(experts, clients, [str(AccessToken.for_user(e)) for e in experts])


def relate_pairs(experts, clients) -> None:
    """Client i chose expert i (their care relation): the bench books each expert's own client."""
    CareRelation.objects.bulk_create(
        CareRelation(expert=e, client=c, consented_at=timezone.now(), consent_version="bench")
        for e, c in zip(experts, clients, strict=True)
    )


def booking(people: People, index: int, n: int) -> dict:
    """A booking by expert `index`; start times differ so no two meetings look alike."""
    start = time.time() + 86400 + 60 * (n * len(people.experts) + index)
    return {
        "client": people.clients[index % len(people.clients)].pk,
        "start_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)),
    }


def booking_start(people: People, index: int, n: int) -> datetime:
    """The start time of booking(people, index, n), as the service takes it."""
    return datetime.fromisoformat(booking(people, index, n)["start_time"])


# --- API -------------------------------------------------------------------------------------


@dataclass
class ApiFigures:
    no_op: LoadResult
    create: LoadResult


def api_throughput(
    base_url: str, people: People, *, seconds: float, rounds: int, server_cpu
) -> ApiFigures:
    """Creates/s against the no-op endpoint, alternated so both see the same machine load."""

    def no_op(index, n):
        return "GET", NO_OP, None

    def create(index, n):
        return "POST", APPOINTMENTS, booking(people, index, n)

    figures = None
    for _round in range(rounds):
        this = ApiFigures(
            no_op=run_load(base_url, people.tokens, no_op, seconds=seconds, server_cpu=server_cpu),
            create=run_load(
                base_url, people.tokens, create, seconds=seconds, server_cpu=server_cpu
            ),
        )
        figures = (
            this
            if figures is None
            else ApiFigures(figures.no_op.merged(this.no_op), figures.create.merged(this.create))
        )
    return figures


def purge_broker() -> None:
    """Empty the task queue, wherever it is (flushing Redis does not empty RabbitMQ's)."""
    from celery_app import app

    app.control.purge()


def forget_bookings() -> None:
    """The API run's thousands of bookings are not provisioned: queue and rows go (the pool's
    hosts too: the Zoom side runs without a pool)."""
    redis_connection().flushdb()
    purge_broker()
    tables = [
        m._meta.db_table
        for m in (SyncAttempt, Appointment, HostSeat, FormerZoomMeeting, Meeting, ZoomHost)
    ]
    with connection.cursor() as cursor:
        # CASCADE: the rows that refer to them (platform events, attendance) go too.
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


# --- Zoom side -------------------------------------------------------------------------------


def forget_rate_state() -> None:
    """Delete the adaptive rate's state in Redis: a rate an earlier drain's 429s cut (or a
    schedule it booked ahead) would slow workers told another limit."""
    client = redis_connection()
    for key in client.scan_iter("lunova:zoom:rate:*"):
        client.delete(key)


def book(client: Client, people: People, index: int, n: int) -> int:
    """One booking through the API; its appointment id."""
    status, body = client.send("POST", APPOINTMENTS, booking(people, index, n))
    if status != 201:
        raise RuntimeError(f"booking answered {status}: {body[:200]!r}")
    return json.loads(body)["id"]


def meeting_ids(appointment_ids: list[int]) -> list[int]:
    return list(
        Appointment.objects.filter(pk__in=appointment_ids).values_list("meeting_id", flat=True)
    )


def post_bookings(base_url: str, people: People, count: int, *, threads: int) -> list[int]:
    """`count` bookings through the API, from `threads` clients at once (at most one per expert);
    their meeting ids."""
    threads = min(threads, len(people.tokens))

    def post(index: int) -> list[int]:
        client = Client(base_url, people.tokens[index])
        try:
            return [book(client, people, index, n) for n in range(index, count, threads)]
        finally:
            client.close()

    with ThreadPoolExecutor(threads) as pool:
        return meeting_ids([pk for ids in pool.map(post, range(threads)) for pk in ids])


def wait_settled(meeting_ids: list[int], *, timeout: float) -> dict[str, int]:
    """Wait until none of the meetings is pending; how many ended in each status."""
    deadline = time.monotonic() + timeout
    # Polled on the ids' range (no other meeting is made meanwhile): a query naming 2,000 ids
    # ten times a second cost this process CPU on the cores the workers need.
    pending = Meeting.objects.filter(
        pk__gte=min(meeting_ids), pk__lte=max(meeting_ids), status=Meeting.Status.PENDING
    )
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return dict(
        Meeting.objects.filter(pk__in=meeting_ids)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


KINDS = ("web", "worker", "zoom")


@dataclass
class DrainFigures:
    count: int
    seconds: float
    bound: float
    statuses: dict
    zoom_requests: int
    rate_limited: int
    posted_in: float
    cpu: dict[str, float]  # CPU seconds each kind of process used meanwhile
    database_sessions: int  # PostgreSQL connections opened meanwhile


def drain(
    base_url: str, people: People, sandbox: SandboxControl, stack, *, count: int, rate: float
) -> DrainFigures:
    """`count` bookings at once through the API; from the first POST to the last meeting
    written back ready."""
    return timed_drain(
        lambda: post_bookings(base_url, people, count, threads=8),
        sandbox,
        stack,
        count=count,
        rate=rate,
        kinds=KINDS,
    )


def timed_drain(
    book_all: Callable[[], list[int]],
    sandbox: SandboxControl,
    stack,
    *,
    count: int,
    rate: float,
    kinds: tuple[str, ...],
) -> DrainFigures:
    """book_all() makes the `count` bookings (their meeting ids); from its start to the last
    meeting written back ready, with what the stand-in and each kind of process did meanwhile."""
    before = sandbox.state()["counters"]
    cpu_before = {kind: stack.cpu_seconds(kind) for kind in kinds}
    sessions_before = database_sessions()
    started = time.time()
    ids = book_all()
    posted_in = time.time() - started
    bound = count / rate
    statuses = wait_settled(ids, timeout=3 * bound + 60)
    finished = Meeting.objects.filter(pk__in=ids).aggregate(last=Max("updated_at"))["last"]
    after = sandbox.state()["counters"]
    requests = sum(after["requests"].values()) - sum(before["requests"].values())
    return DrainFigures(
        count=count,
        seconds=finished.timestamp() - started,
        bound=bound,
        statuses=statuses,
        zoom_requests=requests,
        rate_limited=after["rate_limited"] - before["rate_limited"],
        posted_in=posted_in,
        cpu={kind: stack.cpu_seconds(kind) - cpu_before[kind] for kind in kinds},
        database_sessions=database_sessions() - sessions_before,
    )


def database_sessions() -> int:
    """Connections PostgreSQL has accepted to this database so far (its statistics lag by up
    to a second)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


@dataclass
class EndToEndFigures:
    total_ms: list[float]
    overhead_ms: list[float]
    post_ms: list[float]
    event_ms: list[float]  # POST sent to its meeting.ready received by the platform
    polled_ms: list[float]  # POST sent to `ready` first read by polling GET every 20 ms


POLL_INTERVAL = 0.02


def poll_until_ready(base_url: str, token: str, appointment_id: int, sent: float) -> float:
    """What a platform without events does: read the appointment until its meeting is ready."""
    client = Client(base_url, token)
    try:
        while True:
            status, body = client.send("GET", f"{APPOINTMENTS}{appointment_id}/")
            if status == 200 and json.loads(body)["meeting"]["status"] == "ready":
                return (time.time() - sent) * 1000
            time.sleep(POLL_INTERVAL)
    finally:
        client.close()


def end_to_end(
    base_url: str,
    people: People,
    *,
    samples: int,
    interval: float,
    latency_ms: float,
    events,
) -> EndToEndFigures:
    """One booking every `interval` s; POST sent to meeting written back ready, and that less
    the stand-in's latency for each Zoom call the meeting took; and, in the same run, POST sent
    to the platform told: by its meeting.ready event, and by polling."""
    client = Client(base_url, people.tokens[0])
    sent: dict[int, float] = {}  # appointment id -> when its POST left
    post_ms = []
    pollers = ThreadPoolExecutor(max_workers=8)
    polled = []
    try:
        for n in range(samples):
            began = time.time()
            appointment_id = book(client, people, 0, n)
            sent[appointment_id] = began
            post_ms.append((time.time() - began) * 1000)
            polled.append(
                pollers.submit(poll_until_ready, base_url, people.tokens[0], appointment_id, began)
            )
            time.sleep(max(0.0, began + interval - time.time()))
    finally:
        client.close()
    polled_ms = [future.result(timeout=60) for future in polled]
    pollers.shutdown()
    appointments = Appointment.objects.filter(pk__in=sent).select_related("meeting")
    wait_settled([a.meeting_id for a in appointments], timeout=60)
    calls = dict(
        SyncAttempt.objects.filter(meeting__appointment__in=appointments)
        .values_list("meeting")
        .annotate(n=Count("pk"))
        .values_list("meeting", "n")
    )
    total, overhead = [], []
    for appointment in appointments.all():
        meeting = appointment.meeting
        if meeting.status != Meeting.Status.READY:
            raise RuntimeError(f"meeting {meeting.pk} ended {meeting.status}")
        took = (meeting.updated_at.timestamp() - sent[appointment.pk]) * 1000
        total.append(took)
        overhead.append(took - latency_ms * calls.get(meeting.pk, 0))
    deadline = time.time() + 30
    # These appointments' events: the receiver also holds those of the parts that ran before.
    while any(pk not in events.ready_at for pk in sent) and time.time() < deadline:
        time.sleep(0.05)
    event_ms = [(events.ready_at[pk] - began) * 1000 for pk, began in sent.items()]
    return EndToEndFigures(total, overhead, post_ms, event_ms, polled_ms)


def warm_up(base_url: str, people: People, *, processes: int) -> None:
    """Twice as many meetings as there are worker processes, made at once, so every process has
    run a task (the first one connects to PostgreSQL, Redis and Zoom) and the fleet's token is
    fetched: the figures after it are those of a fleet that has been running."""
    ids = post_bookings(base_url, people, 2 * processes, threads=8)
    wait_settled(ids, timeout=60)
