"""A platform-events receiver for the bench: notes when each meeting.ready arrives."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.plugins.services import free_port

SECRET = "bench-events-secret"


class ReadyReceiver:
    """Answers 204 to every event; keeps the arrival time of each appointment's meeting.ready."""

    def __init__(self):
        self.ready_at: dict[int, float] = {}
        lock = threading.Lock()
        ready_at = self.ready_at

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                arrived = time.time()
                event = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if event["type"] == "meeting.ready" and event["appointment"]:
                    with lock:
                        ready_at.setdefault(event["appointment"], arrived)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
