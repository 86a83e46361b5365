"""The Zoom host pool: bookings per second with the pool on against off, and a simulated week.

Imported once Django is set up on the bench database; web alone (no worker runs), like the API
figures, so only the bookings' own cost is measured.
- (a) `POST /appointments/` by experts without a Zoom user of their own, alternated with the
  pool off (no active host: ZOOM_HOST_USER, no capacity check) and on (8 hosts, 16 seats),
  start times at random over two months. Target: on >= 0.7 x off (the pool costs <= 30 %).
- (b) a week of 1,000 bookings (working hours, random durations) fired by 16 clients at once at
  8 hosts of mixed concurrency: double-booked seats (two seat rows of one host and seat number
  overlapping, and instants a host runs more than its concurrency) must be 0; refusals counted.
"""

import json
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework_simplejwt.tokens import AccessToken

from bench.load import Client, LoadResult, run_load
from bench.scenarios import relate_pairs
from zoom_worker.models import HostSeat, ZoomHost

User = get_user_model()

APPOINTMENTS = "/api/v1/appointments/"
HOSTS = 8
WEEK_BOOKINGS = 1000
WEEK_SEED = 11
DURATIONS = (30, 45, 60, 90)
HOURS_SEED = 7
HORIZON_DAYS = 60


@dataclass
class PoolPeople:
    tokens: list[str]
    clients: list[int]


def make_pool_people(count: int) -> PoolPeople:
    """Experts without a Zoom user of their own: the pool hosts their meetings."""
    experts = [
        User.objects.create_user(
            username=f"havuz{i}", password=None, role=User.Role.EXPERT, first_name=f"Uzman {i}"
        )
        for i in range(count)
    ]
    clients = [
        User.objects.create_user(username=f"havuzdanisan{i}", password=None, role=User.Role.CLIENT)
        for i in range(count)
    ]
    relate_pairs(experts, clients)
    return PoolPeople([str(AccessToken.for_user(e)) for e in experts], [c.pk for c in clients])


def make_hosts(concurrency: list[int]) -> None:
    ZoomHost.objects.all().delete()
    for n, seats in enumerate(concurrency, start=1):
        email = f"host{n}@pool.bench.test"
        ZoomHost.objects.create(user=email, email=email, concurrency=seats)


@dataclass
class OnOff:
    off: LoadResult
    on: LoadResult


def throughput(base_url: str, people: PoolPeople, *, seconds: float, rounds: int, server_cpu):
    """Bookings/s with the pool off and on, alternated so both see the same machine load.

    Start times are drawn at random over two months, as bookings of many experts arrive: the
    16 seats are busy now and then, and two bookings in flight rarely want the same hour.
    """
    make_hosts([2] * HOSTS)
    rng = random.Random(HOURS_SEED)
    lock = threading.Lock()
    base = datetime.now(UTC) + timedelta(days=2)

    def create(index, n):
        with lock:
            minutes = 5 * rng.randrange(HORIZON_DAYS * 24 * 12)
        start = (base + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return "POST", APPOINTMENTS, {"client": people.clients[index], "start_time": start}

    figures = None
    for _round in range(rounds):
        results = {}
        for pool_on in (False, True):
            ZoomHost.objects.update(active=pool_on)
            results[pool_on] = run_load(
                base_url, people.tokens, create, seconds=seconds, server_cpu=server_cpu
            )
        this = OnOff(off=results[False], on=results[True])
        if figures is not None:
            this = OnOff(figures.off.merged(this.off), figures.on.merged(this.on))
        figures = this
    return figures


@dataclass
class Week:
    booked: int
    refused: int
    other: Counter
    seconds: float
    double_booked_seats: int
    hosts_over_concurrency: int


def week(base_url: str, people: PoolPeople, *, bookings: int = WEEK_BOOKINGS) -> Week:
    """`bookings` of one week fired at once at 8 hosts (4 of concurrency 1, 4 of 2)."""
    make_hosts([1, 2] * (HOSTS // 2))
    rng = random.Random(WEEK_SEED)
    monday = (datetime.now(UTC) + timedelta(days=3)).replace(hour=0, minute=0, second=0)
    starts = [
        (
            monday + timedelta(days=rng.randrange(7), minutes=rng.randrange(9 * 60, 17 * 60, 15)),
            rng.choice(DURATIONS),
        )
        for _ in range(bookings)
    ]
    statuses: Counter = Counter()
    lock = threading.Lock()

    def post(index: int) -> None:
        client = Client(base_url, people.tokens[index])
        try:
            for start, duration in starts[index :: len(people.tokens)]:
                status, body = client.send(
                    "POST",
                    APPOINTMENTS,
                    {
                        "client": people.clients[index],
                        "start_time": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "duration": duration,
                    },
                )
                code = json.loads(body).get("code") if status == 409 else None
                with lock:
                    statuses[(status, code)] += 1
        finally:
            client.close()

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(people.tokens)) as threads:
        list(threads.map(post, range(len(people.tokens))))
    seconds = time.monotonic() - began
    booked = statuses.pop((201, None), 0)
    refused = statuses.pop((409, "no_host_free"), 0)
    return Week(
        booked=booked,
        refused=refused,
        other=statuses,
        seconds=seconds,
        double_booked_seats=double_booked_seats(),
        hosts_over_concurrency=hosts_over_concurrency(),
    )


def double_booked_seats() -> int:
    """Pairs of seat rows of one host and seat number whose ranges overlap."""
    table = HostSeat._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {table} a JOIN {table} b ON a.host_id = b.host_id "  # noqa: S608 - a model's table name
            "AND a.seat = b.seat AND a.id < b.id "
            "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
        )
        return cursor.fetchone()[0]


def hosts_over_concurrency() -> int:
    """Hosts that at some instant hold more meetings than their concurrency (buffer included)."""
    over = 0
    for host in ZoomHost.objects.all():
        edges = sorted(
            edge
            for starts_at, ends_at in host.seats.values_list("starts_at", "ends_at")
            for edge in ((starts_at, 1), (ends_at, -1))
        )
        # At one instant an end sorts before a start (-1 < 1): half-open ranges.
        running = most = 0
        for _moment, step in edges:
            running += step
            most = max(most, running)
        over += most > host.concurrency
    return over
