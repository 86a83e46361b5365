"""events/transport.py: deliveries leave on the process's kept session, so a worker
opens one connection to the platform, not one per event."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from zoom_worker.core.connections import reset_connections
from zoom_worker.events.delivery import platform_event_deliver
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import PlatformEvent


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps the connection open between requests
    connections = 0

    def setup(self):
        super().setup()
        type(self).connections += 1

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args):
        pass


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hooks"
    server.shutdown()
    server.server_close()


def test_two_deliveries_share_one_connection(expert, settings, receiver):
    # given two pending events and the platform answering on a kept-alive connection
    settings.LUNOVA_EVENTS_URL = receiver
    reset_connections()
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    events = [
        PlatformEvent.objects.create(type="meeting.ready", meeting=meeting, sequence=n)
        for n in (1, 2)
    ]
    # when both are delivered
    for event in events:
        platform_event_deliver(event_id=event.pk)
    # then both are delivered over one connection
    states = set(PlatformEvent.objects.values_list("state", flat=True))
    assert states == {PlatformEvent.State.DELIVERED}
    assert Receiver.connections == 1
