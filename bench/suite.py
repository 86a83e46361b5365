"""`make bench`: every benchmark, each figure printed next to a baseline measured in the same run.

Order: the API and the host pool (web alone: no worker drains their bookings), then the
Zoom side with the stand-in: CPU per meeting (bench/cpu.py, one worker of its own), the
bench's workers (a warm-up, end to end at light load, then the drains), then the fleet drain.
`--tiny` (or BENCH_SIZE=tiny) runs every part at a few bookings in seconds: figures printed, no
target judged; it is how CI keeps the benches from rotting.
"""

import argparse
import math
import os
import platform
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

from bench import spy
from bench.events import SECRET, ReadyReceiver
from bench.load import LoadResult, percentile
from bench.stack import Stack, prepare_environment, recreate_database
from tests.plugins.services import ROOT


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent API clients")
    parser.add_argument("--api-seconds", type=float, default=3, help="per endpoint and round")
    parser.add_argument("--rounds", type=int, default=4, help="no-op/create alternations")
    parser.add_argument("--drain", type=int, default=200, help="N bookings drained at once")
    parser.add_argument("--rate", type=float, default=20, help="R: stand-in creates per second")
    parser.add_argument("--latency-ms", type=float, default=50, help="L: stand-in latency")
    parser.add_argument("--samples", type=int, default=30, help="end-to-end bookings")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between them")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parts = ("api", "pool", "cpu", "zoom", "fleet")
    parser.add_argument("--only", choices=parts, help="run one part only")
    fleet = parser.add_argument_group("the fleet drain (bench/fleet.py)")
    fleet.add_argument("--fleet", type=int, default=2000, help="N bookings drained; 0: none")
    fleet.add_argument("--fleet-rate", type=float, default=60, help="R: creates/s told and allowed")
    fleet.add_argument("--fleet-nodes", type=int, default=2, help="Celery worker nodes")
    fleet.add_argument("--fleet-concurrency", type=int, default=2, help="pool processes per node")
    parser.add_argument("--week", type=int, default=1000, help="the pool's week of bookings")
    cpu = parser.add_argument_group("CPU per meeting (bench/cpu.py)")
    cpu.add_argument("--cpu-meetings", type=int, default=200, help="N meetings provisioned")
    cpu.add_argument("--sequential", type=int, default=80, help="N bookings posted one by one")
    cpu.add_argument(
        "--cpu-profile",
        type=Path,
        metavar="DIR",
        help="py-spy the worker while it provisions: raw profiles in DIR, their shares printed",
    )
    parser.add_argument(
        "--tiny",
        action="store_true",
        default=os.environ.get("BENCH_SIZE") == "tiny",
        help=f"every part at a few bookings, not judged (BENCH_SIZE=tiny): {TINY_TEXT}",
    )
    parser.add_argument("--web-args", default="", help="extra gunicorn flags, to try one")
    parser.add_argument("--worker-args", default="", help="extra celery worker flags, to try one")
    args = parser.parse_args(argv)
    if args.tiny:
        vars(args).update(TINY)
    return args


# Small enough that the whole suite runs in well under a minute of its own, large enough that
# every code path of every part runs (a percentile, a 10th-90th span, a warm-up).
TINY = {
    "clients": 8,
    "api_seconds": 0.5,
    "rounds": 1,
    "drain": 10,
    "samples": 3,
    "interval": 0.1,
    "workers": 1,
    "fleet": 20,
    "week": 40,
    "cpu_meetings": 8,
    "sequential": 8,
}
TINY_TEXT = ", ".join(f"{name.replace('_', '-')} {value:g}" for name, value in TINY.items())
# Tiny figures say only that the bench ran: too few requests to set against a target.
JUDGED = {"now": True}


def verdict(ok: bool) -> str:
    if not JUDGED["now"]:
        return "not judged (tiny)"
    return "met" if ok else "MISSED"


def line(label: str, text: str) -> None:
    print(f"  {label:<40} {text}", flush=True)


def latency(values_ms: list[float]) -> str:
    return f"p50 {percentile(values_ms, 0.5):7.1f} ms   p99 {percentile(values_ms, 0.99):7.1f} ms"


def load_line(label: str, result: LoadResult) -> None:
    errors = {k: v for k, v in result.statuses.items() if k not in (200, 201)}
    ms = [s * 1000 for s in result.latencies]
    cpu = f"CPU {result.cpu_per_request * 1000:5.1f} ms/req"
    text = f"{result.per_second:7.1f} req/s   {latency(ms)}   {cpu}"
    line(label, text + (f"   {errors}" if errors else ""))


def compare(baseline, measured, *, ratio_label: str, target: float) -> None:
    """Two (label, LoadResult) lines, then measured/baseline by rate and by server CPU."""
    (base_label, base), (label, result) = baseline, measured
    load_line(base_label, base)
    load_line(label, result)
    ratio = result.per_second / base.per_second
    line(ratio_label, f"{ratio:7.2f}          target >= {target:.2f}: {verdict(ratio >= target)}")
    cpu_ratio = base.cpu_per_request / result.cpu_per_request
    line("  same, by server CPU/request", f"{cpu_ratio:7.2f}          (less sensitive to noise)")


def redis_connections() -> int:
    """Connections the Redis server has accepted so far: flat while publishes reuse a pool."""
    from zoom_worker.core.connections import redis_connection

    return redis_connection().info("stats")["total_connections_received"]


def versions() -> str:
    from django.db import connection

    from zoom_worker.core.connections import redis_connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    redis_version = redis_connection().info("server")["redis_version"]
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores, {memory_gib:.0f} GiB, Python {platform.python_version()}, "
        f"PostgreSQL {postgres}, Redis {redis_version}"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    JUDGED["now"] = not args.tiny
    began = time.monotonic()
    log_dir = ROOT / "var" / "bench" / datetime.now().strftime("%Y%m%d-%H%M%S")
    log_dir.mkdir(parents=True)
    # A TERM ends the run like Ctrl-C: through the finally below, which stops every process.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = prepare_environment(log_dir=log_dir, medium_rate=args.rate)
    stack = Stack(
        log_dir,
        latency_ms=args.latency_ms,
        medium_rate=args.rate,
        web_args=args.web_args,
        worker_args=args.worker_args,
    )
    try:
        recreate_database(os.environ["DATABASE_URL"])
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args, stack)
    finally:
        stack.close()
        for process in started.values():
            process.terminate()
            process.wait()
    print(f"\nTook {time.monotonic() - began:.0f} s; process logs in {log_dir}", flush=True)
    return 0


def run(args: argparse.Namespace, stack: Stack) -> None:
    from bench import scenarios

    print(f"Lunova benchmarks: {versions()}; load average {load_average()}", flush=True)
    scenarios.purge_broker()  # what a run stopped midway left queued
    people = scenarios.make_people(args.clients)
    stack.start_web()
    if args.only in (None, "api"):
        run_api(args, stack, people)
    if args.only in (None, "pool"):
        run_pool(args, stack)
    if args.only in (None, "cpu", "zoom", "fleet"):
        sandbox = start_zoom(stack, people)
        if args.only in (None, "cpu"):
            run_cpu(args, stack, sandbox)
        if args.only in (None, "zoom"):
            run_zoom(args, stack, people, sandbox)
        if args.only in (None, "fleet") and args.fleet:
            run_fleet(args, stack, sandbox)
    stack.memory.stop()
    print("\nMemory: peak RSS of one process over the run (baseline: idle after start)", flush=True)
    for kind in ("web", "worker", "fleet"):
        if kind in stack.memory.peak:
            peak, idle = stack.memory.peak[kind] / 2**20, stack.memory.idle[kind] / 2**20
            line(f"{kind} process", f"{peak:7.1f} MiB   idle {idle:.1f} MiB")
    print(f"Load average at the end: {load_average()}", flush=True)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_api(args: argparse.Namespace, stack: Stack, people) -> None:
    from bench import scenarios
    from bench.breakdown import create_breakdown

    print(
        f"\nAPI: {args.clients} clients, kept-alive connections, "
        f"{args.rounds} x {args.api_seconds:g} s per endpoint, alternated",
        flush=True,
    )
    redis_before = redis_connections()
    api = scenarios.api_throughput(
        stack.web_url,
        people,
        seconds=args.api_seconds,
        rounds=args.rounds,
        server_cpu=lambda: stack.cpu_seconds("web"),
    )
    compare(
        ("baseline: GET /auth/me/", api.no_op),
        ("POST /appointments/", api.create),
        ratio_label="creates / no-op",
        target=0.5,
    )
    line("  Redis connections opened", f"{redis_connections() - redis_before:7d}          (pooled)")
    print("\nWhere a create's CPU goes: each step timed alone, in this process", flush=True)
    for label, ms in create_breakdown(people, repeat=3 if args.tiny else 60):
        line(label, f"{ms:7.2f} ms CPU")
    scenarios.forget_bookings()


def run_pool(args: argparse.Namespace, stack: Stack) -> None:
    from bench import pool, scenarios

    print(
        f"\nHost pool: {args.clients} clients, experts without a Zoom user of their own, "
        f"{args.rounds} x {args.api_seconds:g} s pool off / on, alternated",
        flush=True,
    )
    people = pool.make_pool_people(args.clients)
    figures = pool.throughput(
        stack.web_url,
        people,
        seconds=args.api_seconds,
        rounds=args.rounds,
        server_cpu=lambda: stack.cpu_seconds("web"),
    )
    compare(
        ("baseline: POST, pool off", figures.off),
        (f"POST, pool on ({pool.HOSTS} hosts, 16 seats)", figures.on),
        ratio_label="pool on / off",
        target=0.7,
    )
    scenarios.forget_bookings()
    week = pool.week(stack.web_url, people, bookings=args.week)
    line(
        f"a week of {args.week} bookings, {pool.HOSTS} hosts",
        f"{week.booked} booked, {week.refused} refused (no_host_free) in {week.seconds:.1f} s"
        + (f"   other answers {dict(week.other)}" if week.other else ""),
    )
    double = week.double_booked_seats + week.hosts_over_concurrency
    line(
        "  double-booked seats",
        f"{week.double_booked_seats:7d}   hosts over concurrency {week.hosts_over_concurrency}   "
        f"target 0: {verdict(double == 0)}",
    )
    scenarios.forget_bookings()


def report_drain(label: str, drained, *, time_target: float, share_target: float) -> None:
    ratio = drained.seconds / drained.bound
    line(
        f"{label} {drained.count} (booked in {drained.posted_in:.1f} s)",
        f"{drained.seconds:7.1f} s   baseline N/R {drained.bound:.1f} s   ratio {ratio:.2f}   "
        f"target <= {time_target:g}: {verdict(ratio <= time_target)}",
    )
    per_meeting = ", ".join(
        f"{kind} {1000 * seconds / drained.count:.1f} ms" for kind, seconds in drained.cpu.items()
    )
    line("  CPU per meeting", f"{per_meeting} ({sum(drained.cpu.values()):.1f} CPU s in all)")
    line("  database connections opened", f"{drained.database_sessions}")
    all_ready(drained.statuses, drained.count)
    share = drained.rate_limited / max(1, drained.zoom_requests)
    line(
        "  429s from the stand-in",
        f"{drained.rate_limited} of {drained.zoom_requests} Zoom requests ({share:.1%})   "
        f"target <= {share_target:.0%}: {verdict(share <= share_target)}",
    )


def all_ready(statuses: dict, count: int) -> None:
    """A line when some of the `count` meetings did not end ready: the figure above it is then
    not that of a drain."""
    from zoom_worker.models import Meeting

    if statuses != {Meeting.Status.READY: count}:
        line("  NOT ALL READY", str(statuses))


def register_zoom_users(sandbox, people) -> None:
    """The experts' own Zoom users, as the account would hold them (the stand-in answers 404
    code 1001 for a user it does not know)."""
    for expert in people.experts:
        sandbox.add_user(expert.zoom_user)


def start_zoom(stack: Stack, people):
    """The stand-in, and the platform's receiver: the workers started after this push each
    meeting.ready to it. The sandbox's control; the receiver is `stack.events`."""
    from zoom_sandbox.control import SandboxControl

    sandbox = SandboxControl(stack.start_sandbox())
    register_zoom_users(sandbox, people)
    # The platform's receiver: the workers push each meeting.ready to it.
    stack.events = ReadyReceiver()
    os.environ.update(LUNOVA_EVENTS_URL=stack.events.url, LUNOVA_EVENTS_SECRET=SECRET)
    return sandbox


def run_zoom(args: argparse.Namespace, stack: Stack, people, sandbox) -> None:
    from bench import scenarios

    web = stack.web_url
    events = stack.events
    stack.start_workers(args.workers)
    zoom_started = time.monotonic()
    scenarios.warm_up(web, people, processes=stack.worker_processes())
    print(
        f"\nZoom side: stand-in at {args.rate:g} creates/s and {args.latency_ms:g} ms latency, "
        f"{args.workers} worker processes",
        flush=True,
    )
    e2e = scenarios.end_to_end(
        web,
        people,
        samples=args.samples,
        interval=args.interval,
        latency_ms=args.latency_ms,
        events=events,
    )
    line(f"POST -> ready ({args.samples} at {1 / args.interval:g}/s)", latency(e2e.total_ms))
    line("  of which the POST", latency(e2e.post_ms))
    line("POST -> meeting.ready received", latency(e2e.event_ms))
    line(
        f"POST -> ready read by polling ({scenarios.POLL_INTERVAL * 1000:g} ms)",
        latency(e2e.polled_ms),
    )
    overhead_p50 = percentile(e2e.overhead_ms, 0.5)
    line(f"  less {args.latency_ms:g} ms per Zoom call", latency(e2e.overhead_ms))
    line(
        "  overhead p50",
        f"{overhead_p50:7.1f} ms       target <= 150 ms: {verdict(overhead_p50 <= 150)}",
    )

    drained = scenarios.drain(web, people, sandbox, stack, count=args.drain, rate=args.rate)
    report_drain("drain of", drained, time_target=1.2, share_target=0.01)
    # The account's budget taken in half by other apps: the service still believes the plan,
    # and must find the real rate from Zoom's 429s.
    half = args.rate / 2
    sandbox.set_limits(medium_per_second=half)
    drained = scenarios.drain(web, people, sandbox, stack, count=args.drain, rate=half)
    sandbox.set_limits(medium_per_second=args.rate)
    print(f"  Zoom allowing half the plan ({half:g} creates/s), R = {half:g}", flush=True)
    report_drain("drain of", drained, time_target=1.5, share_target=0.1)

    counters = sandbox.state()["counters"]
    tokens, meetings = counters["token_requests"], counters["requests"]["create"]
    hours = (time.monotonic() - zoom_started) / 3600
    print("\nTokens: one shared token for the fleet", flush=True)
    line(
        "OAuth token requests",
        f"{tokens} for {meetings} meetings in {hours * 60:.1f} min = "
        f"{1000 * tokens / max(1, meetings):.1f} per 1,000 meetings   "
        f"target 1 per hour: {verdict(tokens <= math.ceil(hours))}",
    )


def run_fleet(args: argparse.Namespace, stack: Stack, sandbox) -> None:
    from bench import fleet
    from bench.scenarios import make_people, warm_up
    from zoom_worker.core.connections import RATE_HEADROOM

    fleet.start_fleet(
        stack,
        sandbox,
        nodes=args.fleet_nodes,
        concurrency=args.fleet_concurrency,
        rate=args.fleet_rate,
    )
    people = make_people(fleet.experts_needed(args.fleet), prefix="fleet")
    register_zoom_users(sandbox, people)
    warm_up(stack.web_url, people, processes=stack.worker_processes(fleet.KIND))
    broker = os.environ.get("CELERY_BROKER_URL", "").split("://", 1)[0] or "redis"
    print(
        f"\nFleet drain: {args.fleet_nodes} worker nodes x {args.fleet_concurrency} pool "
        f"processes, told and allowed {args.fleet_rate:g} creates/s (Business), "
        f"{args.latency_ms:g} ms latency, broker {broker}, {len(people.experts)} hosts; "
        "booked in this process through the service",
        flush=True,
    )
    drained, machine = fleet.fleet_drain(
        people, sandbox, stack, count=args.fleet, rate=args.fleet_rate
    )
    report_drain("drain of", drained, time_target=1.2, share_target=0.01)
    line(
        "  creates sent to Zoom (10th-90th pct)",
        f"{machine.steady_rate:7.1f} /s    the fleet books {RATE_HEADROOM * args.fleet_rate:g}/s "
        f"({RATE_HEADROOM:.0%} headroom): floor {1 / RATE_HEADROOM:.2f} x N/R",
    )
    # Each pool process makes one call at a time: P processes cannot send more than P per call.
    line(
        "  a create call to Zoom, p50",
        f"{machine.create_call_ms:7.1f} ms    so {machine.pools} processes send at most "
        f"{machine.pools * 1000 / machine.create_call_ms:.0f}/s",
    )
    line("  this process, booking", f"{machine.bench_cpu:7.1f} CPU s")
    fleet_ms = 1000 * drained.cpu[fleet.KIND] / drained.count
    line(
        "  the fleet's CPU at R",
        f"{fleet_ms:7.1f} ms per meeting x {args.fleet_rate:g}/s = "
        f"{fleet_ms * args.fleet_rate / 1000:.2f} cores of {os.cpu_count()}",
    )
    line(
        "  the machine",
        f"{machine.busy:7.0%} of {os.cpu_count()} cores busy; load average "
        f"{machine.load_before[0]:.1f} before, {machine.load_after[0]:.1f} after",
    )
    line(
        f"  the {machine.pools} pool processes",
        f"{machine.pool_busy:7.0%} of their wall time on a core, "
        f"{machine.pool_waiting:.0%} ready but waiting for one",
    )


def _profile_path(args: argparse.Namespace, events: bool) -> Path | None:
    if args.cpu_profile is None:
        return None
    return args.cpu_profile / f"worker-events-{'on' if events else 'off'}.txt"


def run_cpu(args: argparse.Namespace, stack: Stack, sandbox) -> None:
    """bench/cpu.py: the API's CPU per create (web alone, first), then one worker of its own
    provisions with events off and on, the floor between them, then the sequential drain."""
    from bench import cpu, scenarios

    people = scenarios.make_people(max(args.clients, cpu.API_CLIENTS), prefix="cpu")
    register_zoom_users(sandbox, people)
    print(
        f"\nCPU per meeting: one worker of {cpu.CONCURRENCY} pool processes, stand-in at "
        f"{args.rate:g} creates/s and {args.latency_ms:g} ms latency; load average "
        f"{load_average()}",
        flush=True,
    )
    figures = cpu.api(stack, people, seconds=args.api_seconds, rounds=args.rounds)
    print(f"  API, {cpu.API_CLIENTS} clients, web alone", flush=True)
    compare(
        ("  baseline: GET /auth/me/", figures.no_op),
        ("  POST /appointments/", figures.create),
        ratio_label="  creates / no-op",
        target=0.5,
    )
    scenarios.forget_bookings()
    register_zoom_users(sandbox, people)  # the truncation took nothing of the stand-in's
    provisioned = {}
    for events in (False, True):
        cpu.start_worker(stack, events=events)
        try:
            provisioned[events] = cpu.provision(
                stack,
                people,
                count=args.cpu_meetings,
                events=events,
                profile=_profile_path(args, events),
            )
        finally:
            stack.stop_workers(cpu.KIND)
    # On the rows the worker just made: the same table, the same row sizes.
    floor = cpu.floor(sandbox, provisioned[False].ids)
    line(
        f"baseline: the floor, {args.cpu_meetings} meetings",
        f"{floor * 1000:7.2f} ms CPU per meeting (a create POSTed on a kept session, one UPDATE)",
    )
    for events, figures in provisioned.items():
        per_meeting = figures.per_meeting
        label = f"worker, events {'on' if events else 'off'}"
        line(
            f"{label}: {figures.count} in {figures.seconds:.1f} s",
            f"{per_meeting * 1000:7.2f} ms CPU per meeting   ratio to the floor "
            f"{per_meeting / floor:.1f}   (busy {figures.busy_cpu:.2f} CPU s, idle as long "
            f"{figures.idle_cpu:.2f})",
        )
        all_ready(figures.statuses, figures.count)
        if profile := _profile_path(args, events):
            spy.report(profile, cpu_per_meeting=per_meeting)
    drained = cpu.sequential(stack, people, sandbox, count=args.sequential)
    ratio = drained.polled / drained.bound
    line(
        f"sequential drain of {drained.count} at {drained.rate:g}/s",
        f"{drained.polled:7.1f} s (polled every {cpu.POLL:g} s; last write-back "
        f"{drained.written:.1f} s, posted in {drained.posted_in:.1f} s)   baseline N/R "
        f"{drained.bound:.1f} s   ratio {ratio:.2f}",
    )
    all_ready(drained.statuses, drained.count)
    line("  load average", load_average())
