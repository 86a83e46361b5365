"""Booking a 52-session weekly series on a pool of 8 hosts: time per call, and the Zoom creates
the booking spends on its day (the horizon leaves the rest to later days).

`python bench/series.py [--calls 8]` from the repository root. In one process, on a database of
its own (`BENCH_DATABASE_URL`, else `lunova_bench_series` on the `DATABASE_URL` server:
**dropped and created again**) and the Redis `REDIS_URL` names (the db is **flushed**): each
call is `POST /api/v1/series/` through Django's test client (the whole API path, no HTTP
socket), every expert's series at its own hour so the calls compete for the 8 hosts' seats.
Then the worker's sync runs in this process against the Zoom stand-in (in a thread) for every
meeting the bookings made pending: the stand-in's count of creates is what that day cost.
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stack import recreate_database  # noqa: E402

SESSIONS = 52
HOSTS = 8


def database_url() -> str:
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    return urlunsplit(parts._replace(path="/lunova_bench_series"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=8, help="series booked, one per expert")
    args = parser.parse_args()
    url = database_url()
    recreate_database(url)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="lunova.settings",
        LUNOVA_THROTTLE_WRITES="1000000/min",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from lunova.users.services import user_create
    from zoom_sandbox.control import SandboxControl
    from zoom_sandbox.server import SandboxServer
    from zoom_worker.care.services import care_relation_create
    from zoom_worker.core.connections import redis_connection
    from zoom_worker.meetings.sync import meeting_sync
    from zoom_worker.models import HostSeat, Meeting, ZoomHost

    call_command("migrate", verbosity=0)
    redis_connection().flushdb()
    sandbox = SandboxServer(host="127.0.0.1", port=settings.ZOOM_SANDBOX_PORT)
    sandbox.start()
    try:
        SandboxControl(sandbox.url).reset()
        for n in range(1, HOSTS + 1):
            email = f"host{n}@sandbox.lunova.test"
            ZoomHost.objects.create(user=email, email=email, concurrency=1)
        day = (timezone.now() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        timings = []
        for call in range(args.calls):
            expert = user_create(username=f"uzman{call}", role="expert", password=None)
            client = user_create(username=f"danisan{call}", role="client", password=None)
            care_relation_create(client=client, expert=expert, consent_version="bench")
            api = Client(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(expert)}")
            body = {
                "client": client.pk,
                "start_time": (day + timedelta(hours=call)).isoformat(),
                "duration": 50,
                "count": SESSIONS,
            }
            began = time.perf_counter()
            answer = api.post("/api/v1/series/", body, content_type="application/json")
            timings.append(time.perf_counter() - began)
            assert answer.status_code == 201, answer.content[:300]
        pending = list(Meeting.objects.filter(status="pending").values_list("pk", flat=True))
        for meeting_id in pending:
            meeting_sync(meeting_id=meeting_id, worker_id="bench")
        creates = Counter(m["host_email"] for m in SandboxControl(sandbox.url).meetings())
    finally:
        sandbox.stop()
    scheduled = Meeting.objects.filter(status="scheduled").count()
    print(f"series booked: {args.calls} x {SESSIONS} sessions on {HOSTS} hosts (1 seat each)")
    print(f"sessions and seats written: {HostSeat.objects.count()}")
    print(
        f"time per call: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms "
        f"({statistics.median(timings) * 1000 / SESSIONS:.1f} ms a session)"
    )
    print(
        f"Zoom creates spent that day (horizon {settings.LUNOVA_SERIES_HORIZON_DAYS} days): "
        f"{sum(creates.values())} in all, {sum(creates.values()) / args.calls:.1f} a series; "
        f"busiest host {max(creates.values())} of its 100; scheduled for later days: {scheduled}"
    )


if __name__ == "__main__":
    main()
