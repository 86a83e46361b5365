"""The fleet drain: a backlog of N creates on Business limits, drained by worker nodes.

"4 worker processes across 2 nodes" here: two `celery -A celery_app worker` processes (nodes
`fleet0@host` and `fleet1@host`, each with a prefork pool of 2: 4 processes that run tasks), both
told Business limits (ZOOM_RATE_MEDIUM 60, ZOOM_RATE_LIGHT 80), the stand-in allowing the same.
Both nodes run on this machine: they share its two cores with PostgreSQL, Redis, the stand-in,
gunicorn and this process. The N bookings are made in this process through the service the API
calls (`appointment_create`: two inserts, the commit, the publish after it), so the web's HTTP
work does not sit on the cores the drain needs; the clock starts at the first booking.
"""

import math
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil
from django.db import connection
from django.db.models import Min

from bench.load import percentile
from bench.scenarios import DrainFigures, People, booking_start, forget_rate_state, timed_drain
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import SyncAttempt

KIND = "fleet"
BUSINESS_LIGHT = 80  # Zoom's Light limit on Business, next to its Medium 60/s
# Zoom's daily cap is 100 creates per host: each expert of the fleet drain gets at most this many.
MEETINGS_PER_EXPERT = 50


def experts_needed(count: int) -> int:
    return max(1, math.ceil(count / MEETINGS_PER_EXPERT))


def start_fleet(stack, sandbox, *, nodes: int, concurrency: int, rate: float) -> None:
    """Replace the bench's workers with the fleet's nodes, all told the plan the stand-in allows."""
    stack.stop_workers()
    os.environ.update(ZOOM_RATE_MEDIUM=f"{rate:g}", ZOOM_RATE_LIGHT=f"{BUSINESS_LIGHT:g}")
    sandbox.set_limits(medium_per_second=rate, light_per_second=BUSINESS_LIGHT)
    forget_rate_state()  # what the earlier drains left is not this fleet's
    stack.start_workers(nodes, kind=KIND, extra=("--concurrency", str(concurrency)))


def book_in_process(people: People, count: int, *, threads: int) -> list[int]:
    """`count` bookings through the service, from `threads` threads; their meeting ids.
    Booking i is expert i's (modulo the experts), so no host passes Zoom's daily cap."""
    experts = len(people.experts)

    def book(first: int) -> list[int]:
        try:
            return [
                appointment_create(
                    expert=people.experts[i % experts],
                    client=people.clients[i % experts],
                    start_time=booking_start(people, i % experts, i // experts),
                ).meeting_id
                for i in range(first, count, threads)
            ]
        finally:
            connection.close()  # this thread's own

    with ThreadPoolExecutor(threads) as pool:
        return [pk for ids in pool.map(book, range(threads)) for pk in ids]


@dataclass
class MachineFigures:
    busy: float  # share of all cores busy (any process) over the drain
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    pool_busy: float  # CPU the pool processes used, as a share of their summed wall time
    pool_waiting: float  # time they were ready to run but waited for a core, the same share
    pools: int
    bench_cpu: float  # CPU seconds this process used for the bookings
    steady_rate: float  # creates/s sent to Zoom between the 10th and 90th percentile create
    create_call_ms: float  # median duration of a create call to Zoom, as the worker timed it


def _busy_seconds() -> tuple[float, float]:
    times = psutil.cpu_times()
    idle = times.idle + getattr(times, "iowait", 0.0)
    return sum(times) - idle, sum(times)


def _schedstat(processes: list[psutil.Process]) -> tuple[float, float]:
    """Seconds on a CPU and seconds runnable but waiting for one, summed over the processes
    (Linux's /proc/PID/schedstat)."""
    on_cpu = waiting = 0.0
    for process in processes:
        try:
            fields = Path(f"/proc/{process.pid}/schedstat").read_text().split()
        except OSError:
            continue
        on_cpu += int(fields[0]) / 1e9
        waiting += int(fields[1]) / 1e9
    return on_cpu, waiting


def steady_rate(meeting_ids: list[int]) -> float:
    """Creates/s the fleet sent between its 10th and 90th percentile create (each meeting's first
    create call): the pace once the drain runs, without its start and its tail."""
    firsts = sorted(
        SyncAttempt.objects.filter(meeting__in=meeting_ids, action="create")
        .values("meeting")
        .annotate(first=Min("started_at"))
        .values_list("first", flat=True)
    )
    low, high = firsts[len(firsts) // 10], firsts[(9 * len(firsts)) // 10]
    span = (high - low).total_seconds()
    return ((9 * len(firsts)) // 10 - len(firsts) // 10) / span if span > 0 else 0.0


def fleet_drain(
    people: People, sandbox, stack, *, count: int, rate: float, threads: int = 2
) -> tuple[DrainFigures, MachineFigures]:
    pools = stack.pool_processes(KIND)
    on_cpu_before, waiting_before = _schedstat(pools)
    busy_before, total_before = _busy_seconds()
    load_before = os.getloadavg()
    ids: list[int] = []
    bench_cpu = []

    def book_all() -> list[int]:
        began = time.process_time()
        ids.extend(book_in_process(people, count, threads=threads))
        bench_cpu.append(time.process_time() - began)
        return ids

    drained = timed_drain(
        book_all, sandbox, stack, count=count, rate=rate, kinds=(KIND, "web", "zoom")
    )
    busy_after, total_after = _busy_seconds()
    on_cpu, waiting = _schedstat(pools)
    pool_wall = len(pools) * drained.seconds
    machine = MachineFigures(
        busy=(busy_after - busy_before) / max(1e-9, total_after - total_before),
        load_before=load_before,
        load_after=os.getloadavg(),
        pool_busy=(on_cpu - on_cpu_before) / pool_wall,
        pool_waiting=(waiting - waiting_before) / pool_wall,
        pools=len(pools),
        bench_cpu=bench_cpu[0],
        steady_rate=steady_rate(ids),
        create_call_ms=percentile(
            list(
                SyncAttempt.objects.filter(meeting__in=ids, action="create").values_list(
                    "duration_ms", flat=True
                )
            ),
            0.5,
        ),
    )
    return drained, machine
