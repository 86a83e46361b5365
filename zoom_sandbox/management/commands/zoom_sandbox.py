"""python manage.py zoom_sandbox: serve the offline Zoom stand-in until Ctrl-C or SIGTERM."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from zoom_sandbox.messages import LANGUAGES
from zoom_sandbox.scopes import GRANULAR
from zoom_sandbox.server import SandboxServer


class Command(BaseCommand):
    help = "Serve the offline Zoom stand-in: OAuth token and meeting API, with limits and faults."
    # The stand-in needs neither the database nor the project's checks to serve.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.ZOOM_SANDBOX_PORT)
        parser.add_argument("--host-email", default="owner@sandbox.lunova.test", help="who `me` is")
        parser.add_argument("--token-ttl", type=int, default=3600, help="token lifetime, seconds")
        parser.add_argument(
            "--scopes",
            default=" ".join(GRANULAR),
            help="the scopes tokens hold, space-separated (default: every granular one needed)",
        )
        parser.add_argument(
            "--language", choices=LANGUAGES, default="en", help="of Zoom's error messages"
        )
        limits = parser.add_argument_group("limits (0 = none)")
        limits.add_argument("--medium-rate", type=float, default=20, help="create/list per second")
        limits.add_argument("--light-rate", type=float, default=30, help="get/patch/delete per s")
        limits.add_argument("--daily-cap", type=int, default=100, help="create/update per host/day")
        faults = parser.add_argument_group("faults (rates are shares of requests, 0-1)")
        faults.add_argument("--latency-ms", type=float, default=0, help="added to every request")
        faults.add_argument("--error-rate", type=float, default=0, help="500/502/503 answers")
        faults.add_argument(
            "--drop-rate", type=float, default=0, help="connections closed unanswered"
        )
        faults.add_argument(
            "--lose-create-rate", type=float, default=0, help="creates made but never answered"
        )
        faults.add_argument("--rate-429", type=float, default=0, help="spurious 429 answers")
        faults.add_argument("--seed", type=int, default=None, help="for reproducible faults")

    def handle(self, *args, **options):
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        server = SandboxServer(
            options["host"],
            options["port"],
            host_email=options["host_email"],
            token_ttl=options["token_ttl"],
            scopes=options["scopes"],
            language=options["language"],
            medium_per_second=options["medium_rate"],
            light_per_second=options["light_rate"],
            daily_per_host=options["daily_cap"],
            latency_ms=options["latency_ms"],
            error_rate=options["error_rate"],
            drop_rate=options["drop_rate"],
            lose_create_rate=options["lose_create_rate"],
            rate_429=options["rate_429"],
            seed=options["seed"],
            log_requests=options["verbosity"] >= 2,
        ).start()
        url = server.url
        self.stdout.write(f"Zoom sandbox serving at {url} (token {url}/oauth/token, API {url}/v2)")
        self.stdout.flush()
        stop.wait()
        server.stop()
        self.stdout.write("Zoom sandbox stopped.")
