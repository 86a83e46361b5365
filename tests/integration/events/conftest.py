"""A real HTTP receiver for platform events, in a thread of the test process."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.plugins.services import free_port

SECRET = "test-events-secret-0123456789"


class Receiver:
    """Records every POST (headers, raw body) and answers with the next scripted status."""

    def __init__(self, port: int | None = None):
        self.received: list[tuple[dict, bytes]] = []
        self.script: list[tuple[int, dict]] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.received.append((dict(self.headers), body))
                    status, headers = receiver.script.pop(0) if receiver.script else (200, {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/events"
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self) -> list[dict]:
        with self.lock:
            return [json.loads(body) for _headers, body in self.received]

    def of_type(self, type_: str) -> list[dict]:
        return [event for event in self.events() if event["type"] == type_]


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()


@pytest.fixture
def events_on(settings, receiver):
    """This process and the workers it starts deliver events to the receiver."""
    settings.LUNOVA_EVENTS_URL = receiver.url
    settings.LUNOVA_EVENTS_SECRET = SECRET
    return {
        "LUNOVA_EVENTS_URL": receiver.url,
        "LUNOVA_EVENTS_SECRET": SECRET,
        "LUNOVA_EVENTS_BACKOFF_MAX": "1",
    }
