"""python manage.py events_receiver [--port 8901]: a development stand-in for the Lunova platform.

It checks each platform event's signature with LUNOVA_EVENTS_SECRET and prints one line per
event, so that under `make run` a newcomer sees the events arrive. It answers 204, or 401 when
the signature does not match.
"""

import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings
from django.core.management.base import BaseCommand

from zoom_worker.events.transport import event_signature


class Command(BaseCommand):
    help = "Receive platform events locally: verify each signature, print one line per event."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.LUNOVA_EVENTS_RECEIVER_PORT)

    def handle(self, *args, host, port, **options):
        out = self.stdout
        secret = settings.LUNOVA_EVENTS_SECRET

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                expected = event_signature(
                    secret=secret,
                    timestamp=self.headers.get("X-Lunova-Timestamp", ""),
                    body=body,
                )
                valid = hmac.compare_digest(
                    expected.encode(), self.headers.get("X-Lunova-Signature", "").encode()
                )
                try:
                    event = json.loads(body)
                    summary = (
                        f"{event['type']} meeting={event['meeting']} "
                        f"appointment={event['appointment']} sequence={event['sequence']}"
                    )
                except (ValueError, KeyError, TypeError):
                    summary = "not an event"
                out.write(f"{summary} signature={'valid' if valid else 'INVALID'}")
                self.send_response(204 if valid else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer((host, port), Handler)
        out.write(f"receiving platform events on http://{host}:{port}/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
