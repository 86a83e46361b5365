"""`make bench-scale`: what the periodic and read paths cost at 10k, 100k and 1M appointments.

`python bench/scale.py [--sizes 10k,100k,1M] [--runs 5]` from the repository root. For each size
it empties its own PostgreSQL database, loads the rows with SQL (INSERT ... SELECT
generate_series: minutes for a million), VACUUM ANALYZEs, then times each path in this process
(Django's test client or the service itself, warm cache: the median of --runs runs after one
warm-up) and explains the heaviest query of each with EXPLAIN (ANALYZE, BUFFERS): the pages it
touched (shared hit + read) and any it spilled to disk (temp written). The 10k row is the
baseline the others are compared against, measured in the same run.
"""

# ruff: noqa: S608 - the loader's SQL is built from this file's own constants, never from input.
import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.plugins.services import free_port, start_redis

# tiny: the least where every path has its rows (`?page=50` needs 2,500 of the busy expert's).
SIZES = {"tiny": 5_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
EXPERTS, CLIENTS = 100, 1000
BUSY_EXPERT = 1  # ids are restarted on every load: experts 1..100, clients 101..1100
BUSY_HOST = "expert1@bench.lunova.test"
# The orphan sweep's host: this many upcoming meetings in the stand-in, all but the last
# ORPHAN_FOREIGN carrying the marker of a row (the rest: someone's own meetings on the account).
SWEEP_LISTED, SWEEP_FOREIGN = 10_070, 70
# The tiny size (CI's `make bench-tiny`) only proves every path still runs: a listing of 10,070
# would take it half a minute in the stand-in alone.
SWEEP_LISTED_TINY = 370


def sweep_listed(size: str) -> int:
    return SWEEP_LISTED_TINY if size == "tiny" else SWEEP_LISTED


PAGE = 8192  # bytes in a PostgreSQL buffer page


def database_url() -> str | None:
    """BENCH_SCALE_DATABASE_URL; else database lunova_scale on the PostgreSQL server DATABASE_URL
    names; None when neither is PostgreSQL."""
    url = os.environ.get("BENCH_SCALE_DATABASE_URL")
    if url is None:
        parts = urlsplit(os.environ.get("DATABASE_URL", ""))
        if parts.scheme not in ("postgres", "postgresql"):
            return None
        url = urlunsplit(parts._replace(path="/lunova_scale"))
    return url if urlsplit(url).scheme in ("postgres", "postgresql") else None


def parse_sizes(value: str) -> list[str]:
    sizes = [s.strip() for s in value.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or not sizes:
        raise argparse.ArgumentTypeError(
            f"unknown size {', '.join(unknown) or value!r}: choose from {', '.join(SIZES)}"
        )
    return sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=["10k", "100k", "1M"],
        help="e.g. 10k,100k,1M; tiny (5,000) only proves the paths run",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per path (median)")
    args = parser.parse_args(argv)
    url = database_url()
    if url is None:
        print(
            "bench/scale.py measures PostgreSQL plans: set BENCH_SCALE_DATABASE_URL (or a"
            " postgres:// DATABASE_URL) to a PostgreSQL server; SQLite is not supported.",
            file=sys.stderr,
        )
        return 2
    from bench.stack import recreate_database

    recreate_database(url)
    redis = None
    redis_url = os.environ.get("BENCH_REDIS_URL")
    if not redis_url:
        port = free_port()
        redis = start_redis(port, data_dir=Path(tempfile.mkdtemp(prefix="lunova-scale-redis-")))
        redis_url = f"redis://127.0.0.1:{port}/0"
    sandbox_port = free_port()
    os.environ.update(
        {
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            "ZOOM_SANDBOX_PORT": str(sandbox_port),
            # The sweep's figure is the service's own cost, not the account's per-second limit.
            "ZOOM_RATE_MEDIUM": "10000",
            "ZOOM_RATE_LIGHT": "10000",
            "DJANGO_SETTINGS_MODULE": "lunova.settings",
            "DJANGO_DEBUG": "false",
        }
    )
    for name in ("ZOOM_CLIENT_ID", "ZOOM_API_BASE_URL", "ZOOM_OAUTH_TOKEN_URL"):
        os.environ.pop(name, None)
    try:
        return run(args, sandbox_port)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait()


def run(args, sandbox_port: int) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from zoom_sandbox.server import SandboxServer

    setup_test_environment()  # the test client's host is allowed; nothing is sent anywhere
    logging.disable(logging.WARNING)  # one line per Zoom call would bury the table
    call_command("migrate", verbosity=0)
    sandbox = SandboxServer(
        host="127.0.0.1",
        port=sandbox_port,
        host_email=BUSY_HOST,
        medium_per_second=10_000,
        light_per_second=10_000,
    )
    sandbox.start()
    print(f"load average at start: {load_average()}")
    results = {}
    try:
        for size in args.sizes:
            started = time.monotonic()
            load(SIZES[size])
            print(f"{size}: loaded in {time.monotonic() - started:.0f} s", flush=True)
            sandbox.state.reset()
            fill_sandbox(sandbox, listed=sweep_listed(size))
            results[size] = measure(sandbox, runs=args.runs, listed=sweep_listed(size))
            print(f"{size}: measured; load average {load_average()}", flush=True)
            print_table(results)
    finally:
        sandbox.stop()
    return 0


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- loading --------------------------------------------------------------------------------

TABLES = (
    "zoom_worker_eventdeliveryattempt",
    "zoom_worker_platformevent",
    "zoom_worker_syncattempt",
    "zoom_worker_webhookdelivery",
    "zoom_worker_participantinterval",
    "zoom_worker_attendance",
    "zoom_worker_appointment",
    "zoom_worker_meeting",
    "zoom_worker_zoomhost",
    "django_admin_log",
    "django_session",
    "token_blacklist_outstandingtoken",
    "users_user",
)


def columns(table: str) -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def load(n: int) -> None:
    """n appointments, each with its meeting, one Zoom call and one platform event; n/10
    processed webhook deliveries and n/1000 never processed but too old to queue again.
    Meetings start from a year ago to a year ahead; one expert holds every second one; 0.1 % are
    out of sync but touched just now (so the reconciler has nothing to do)."""
    from django.db import connection

    meeting_extra = _optional(
        columns("zoom_worker_meeting"), {"standalone": "false", "pool_host_id": "NULL"}
    )
    appointment_extra = _optional(
        columns("zoom_worker_appointment"),
        # NOT NULL without a database default since 0014 (weekly series): none is a session.
        {"start_time": "m.start_time", "moved_alone": "false"},
    )
    # NOT NULL without a database default since 0010: an insert that leaves it out fails.
    webhook_extra = _optional(columns("zoom_worker_webhookdelivery"), {"reason": "''"})
    statements = [
        f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE",
        f"""INSERT INTO users_user (password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined, role, zoom_user)
            SELECT '!', false, 'expert' || g, 'Expert', g::text, '', false, true, now(),
                'expert', 'expert' || g || '@bench.lunova.test'
            FROM generate_series(1, {EXPERTS}) g""",
        f"""INSERT INTO users_user (password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined, role, zoom_user)
            SELECT '!', false, 'client' || g, 'Client', g::text, '', false, true, now(),
                'client', ''
            FROM generate_series(1, {CLIENTS}) g""",
        """INSERT INTO users_user (password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined, role, zoom_user)
            VALUES ('!', true, 'operator', 'Op', 'Erator', '', true, true, now(), '', '')""",
        f"""INSERT INTO zoom_worker_meeting (id, owner_id, host, topic, start_time, duration,
                timezone, wanted, version, synced_version, status, last_error, zoom_meeting_id,
                zoom_uuid, join_url, start_url, start_url_issued_at, password, host_email,
                zoom_host_id, zoom_state, marker, create_attempted_at, lease_owner,
                lease_expires_at, not_before, created_at, updated_at{meeting_extra[0]})
            SELECT g, owner, 'expert' || owner || '@bench.lunova.test',
                'Lunova Görüşmesi · Expert ' || owner, start, 45, 'Europe/Istanbul', 'exists',
                CASE WHEN g % 1000 = 0 THEN 2 ELSE 1 END, 1,
                CASE WHEN g % 1000 = 0 THEN 'pending' ELSE 'ready' END, '',
                (900000000000 + g)::text, md5(g::text),
                'https://zoom.example/j/' || (900000000000 + g) || '?pwd=' || md5(g::text),
                'https://zoom.example/s/' || (900000000000 + g) || '?zak='
                    || repeat(md5(g::text), 13),
                start - interval '1 day', 'abc123', 'expert' || owner || '@bench.lunova.test',
                'host' || owner, '{{}}'::jsonb, md5('marker' || g)::uuid, NULL, '', NULL, NULL,
                start - interval '2 days',
                CASE WHEN g % 1000 = 0 THEN now() ELSE least(now(), start + interval '1 hour') END
                {meeting_extra[1]}
            FROM (SELECT g,
                    CASE WHEN g % 2 = 0 THEN {BUSY_EXPERT} ELSE 2 + g % ({EXPERTS} - 1) END
                        AS owner,
                    now() - interval '365 days' + g * (interval '730 days' / {n}) AS start
                  FROM generate_series(1, {n}) g) s""",
        f"""INSERT INTO zoom_worker_appointment (id, expert_id, client_id, meeting_id, notes,
                status, topic_generated, created_at, updated_at{appointment_extra[0]})
            SELECT m.id, m.owner_id, {EXPERTS} + 1 + m.id % {CLIENTS}, m.id, '',
                CASE WHEN m.start_time < now() THEN 'completed' ELSE 'approved' END, true,
                m.created_at, m.updated_at{appointment_extra[1]}
            FROM zoom_worker_meeting m""",
        """INSERT INTO zoom_worker_syncattempt (meeting_id, action, started_at, duration_ms,
                outcome, http_status, zoom_code, message, task_id)
            SELECT id, 'create', created_at, 120, 'ok', 201, NULL, '', md5(id::text)
            FROM zoom_worker_meeting""",
        """INSERT INTO zoom_worker_platformevent (id, type, meeting_id, appointment_id, sequence,
                data, created_at, state, attempts, next_attempt_at, delivered_at, last_error)
            SELECT md5('event' || id)::uuid, 'meeting.ready', id, id, 1, '{}'::jsonb,
                created_at, 'delivered', 1, NULL, created_at, ''
            FROM zoom_worker_meeting""",
        f"""INSERT INTO zoom_worker_webhookdelivery (event, zoom_meeting_id, event_ts,
                dedupe_key, payload, received_at, processed_at, outcome{webhook_extra[0]})
            SELECT 'meeting.started', (900000000000 + g)::text, 0, md5('hook' || g),
                '{{}}'::jsonb, at, CASE WHEN g % 100 = 0 THEN NULL ELSE at END,
                CASE WHEN g % 100 = 0 THEN 'pending' ELSE 'applied' END{webhook_extra[1]}
            FROM (SELECT g, now() - interval '2 days' - g * interval '1 minute' AS at
                  FROM generate_series(1, {n // 10}) g) s""",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        for table in ("zoom_worker_meeting", "zoom_worker_appointment"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        cursor.execute("VACUUM ANALYZE")


def _optional(present: set[str], wanted: dict[str, str]) -> tuple[str, str]:
    """The extra columns this tree's tables have (so one loader fits the tree before and after)."""
    names = [name for name in wanted if name in present]
    return "".join(f", {n}" for n in names), "".join(f", {wanted[n]}" for n in names)


def fill_sandbox(sandbox, *, listed: int) -> None:
    """`listed` upcoming meetings of the busy host, each but SWEEP_FOREIGN the Zoom twin of a row
    (ids written back to the rows), so a sweep deletes nothing and every pass does the same
    work."""
    from django.db import connection

    from zoom_worker.meetings.payloads import marker_text

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, marker FROM zoom_worker_meeting ORDER BY id LIMIT %s",
            [listed - SWEEP_FOREIGN],
        )
        rows = cursor.fetchall()
    now = datetime.now(UTC)
    pairs = []
    for index in range(listed):
        agenda = marker_text(rows[index][1]) if index < len(rows) else "Someone's own meeting"
        start = now + timedelta(days=1, minutes=10 * index)
        meeting = sandbox.state.add_meeting(
            lambda meeting_id, agenda=agenda, start=start: {
                "id": meeting_id,
                "uuid": str(meeting_id),
                "host_id": "busy",
                "host_email": BUSY_HOST,
                "topic": "bench",
                "type": 2,
                "status": "waiting",
                "start_time": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "duration": 45,
                "timezone": "UTC",
                "agenda": agenda,
                "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "join_url": f"https://zoom.example/j/{meeting_id}",
                "settings": {},
            }
        )
        if index < len(rows):
            pairs.append((str(meeting["id"]), rows[index][0]))
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE zoom_worker_meeting SET zoom_meeting_id = %s WHERE id = %s", pairs
        )


# --- measuring ------------------------------------------------------------------------------


class Capture:
    """Every query run meanwhile, with its parameters and time, through Django's own wrapper."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - started, sql, params, many))

    def costs(self) -> dict:
        """How many queries, and the buffers of the slowest read among them."""
        reads = [q for q in self.queries if q[1].lstrip().upper().startswith("SELECT") and not q[3]]
        heaviest = max(reads, default=None)
        buffers = explain(heaviest[1], heaviest[2]) if heaviest else {"pages": 0, "temp": 0}
        return {"queries": len(self.queries), **buffers}


def explain(sql: str, params) -> dict:
    """Buffers of the query's plan: pages touched (shared hit + read) and pages spilled."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0][0]["Plan"]
    return {
        "pages": plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0),
        "temp": plan.get("Temp Written Blocks", 0),
    }


def timed(fn, runs: int) -> dict:
    from django.db import connection

    fn()  # warm-up: caches, the connection, the Zoom token
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    capture = Capture()
    with connection.execute_wrapper(capture):
        fn()
    return {"ms": statistics.median(times) * 1000, **capture.costs()}


def sweep_cost(listed: int) -> dict:
    """One orphan sweep, less the time its Zoom calls took: the stand-in runs in this process
    and takes most of a second a page (it copies and sorts all the host's meetings each time),
    which would bury the service's own cost."""
    from django.db import connection

    from zoom_worker.core.connections import zoom_client
    from zoom_worker.meetings import reconcile

    calls = []
    capture = Capture()
    original = reconcile.zoom_client
    reconcile.zoom_client = lambda: zoom_client(observer=calls.append)
    try:
        with connection.execute_wrapper(capture):
            started = time.perf_counter()
            reconcile.zoom_orphans_sweep()
            total = time.perf_counter() - started
    finally:
        reconcile.zoom_client = original
    zoom_ms = sum(call.duration_ms for call in calls)
    return {
        "ms": total * 1000 - zoom_ms,
        **capture.costs(),
        "zoom": f"{listed:,} listed, {len(calls)} Zoom calls, {zoom_ms / 1000:.1f} s",
    }


def measure(sandbox, *, runs: int, listed: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.test import APIClient

    from zoom_worker.core.connections import zoom_client
    from zoom_worker.inbound import requeue as webhooks
    from zoom_worker.meetings import reconcile, sync

    User = get_user_model()
    api = APIClient()
    api.force_authenticate(User.objects.get(pk=BUSY_EXPERT))
    admin = Client()
    admin.force_login(User.objects.get(username="operator"))

    def get(client, path):
        def call():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return call

    def find_by_marker():
        # The retry of a create whose answer was lost, for a meeting in the middle of the
        # host's list that Zoom never made (the worst case: nothing to find).
        middle = sandbox.state.host_meetings(BUSY_HOST)[listed // 2]
        start = datetime.fromisoformat(middle["start_time"].replace("Z", "+00:00"))
        snap = sync.Snapshot(
            pk=0,
            version=1,
            wanted="exists",
            host=BUSY_HOST,
            marker=uuid.uuid4(),
            desired={"topic": "bench", "start_time": middle["start_time"], "duration": 45},
            ends_at=start + timedelta(minutes=45),
            zoom_meeting_id=None,
            zoom_state={},
            create_attempted=True,
            has_former_meetings=False,
        )
        before = list_requests(sandbox)
        sync._find_by_marker(zoom_client(), snap)
        return list_requests(sandbox) - before

    rows = {
        "reconciler pass, nothing to do": timed(reconcile.meetings_reconcile, runs),
        "webhook re-queue (same beat task)": timed(webhooks.webhook_deliveries_requeue, runs),
        "GET /appointments/ page 1, busy expert": timed(get(api, "/api/v1/appointments/"), runs),
        "GET /appointments/?page=50": timed(get(api, "/api/v1/appointments/?page=50"), runs),
        "GET /zoom/meetings/, no standalone": timed(get(api, "/api/v1/zoom/meetings/"), runs),
        "admin: appointments": timed(get(admin, "/admin/zoom_worker/appointment/"), runs),
        "admin: meetings": timed(get(admin, "/admin/zoom_worker/meeting/"), runs),
        "admin: Zoom calls": timed(get(admin, "/admin/zoom_worker/syncattempt/"), runs),
        "admin: platform events": timed(get(admin, "/admin/zoom_worker/platformevent/"), runs),
        "orphan sweep, less its Zoom calls": sweep_cost(listed),
    }
    rows["find_by_marker: Zoom list calls"] = {"calls": find_by_marker()}
    rows["meeting table + indexes"] = {"size": table_size("zoom_worker_meeting")}
    return rows


def list_requests(sandbox) -> int:
    return sandbox.state.snapshot()["counters"]["requests"]["list"]


def table_size(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size(%s)", [table])
        return cursor.fetchone()[0]


def cell(row: dict) -> str:
    if "calls" in row:
        return f"{row['calls']} calls"
    if "size" in row:
        return f"{row['size'] / 2**20:.0f} MiB"
    text = f"{row['ms']:.1f} ms, {row['queries']} q, {row['pages'] * PAGE / 2**20:.1f} MiB buf"
    if row["temp"]:
        text += f", {row['temp'] * PAGE / 2**20:.0f} MiB spilled"
    if "zoom" in row:
        text += f" (+ {row['zoom']})"
    return text


def print_table(results: dict) -> None:
    sizes = list(results)
    first = results[sizes[0]]
    print()
    print("| path | " + " | ".join(sizes) + " | last ÷ first |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name in first:
        cells = [cell(results[size][name]) for size in sizes]
        ratio = "—"
        key = next(k for k in ("ms", "calls", "size") if k in first[name])
        base, last = first[name][key], results[sizes[-1]][name][key]
        if len(sizes) > 1 and base:
            ratio = f"{last / base:.1f} ×"
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio} |")
    print(flush=True)


if __name__ == "__main__":
    sys.exit(main())
