"""The sandbox's own tests: a fresh stand-in per test on a free port, spoken to over real HTTP."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from jsonschema import Draft4Validator

from zoom_sandbox.control import SandboxControl
from zoom_sandbox.server import SandboxServer
from zoom_sandbox.validation import SCHEMAS

CREDENTIALS = ("sandbox-client", "sandbox-secret")
TOKEN_FORM = {"grant_type": "account_credentials", "account_id": "sandbox-account"}
HOST = "owner@sandbox.lunova.test"
SECRET = "webhook-secret"


def meeting_body(**fields):
    return {
        "topic": "Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz",
        "type": 2,
        "start_time": "2030-01-15T09:30:00Z",
        "timezone": "Europe/Istanbul",
        "duration": 45,
        **fields,
    }


class Zoom:
    """Just enough of a Zoom client to talk to the sandbox the way the service does."""

    def __init__(self, url):
        self.url = url
        self.session = requests.Session()

    def fetch_token(self, auth=CREDENTIALS, data=TOKEN_FORM, **kwargs):
        return self.session.post(
            f"{self.url}/oauth/token", auth=auth, data=data, timeout=5, **kwargs
        )

    def sign_in(self):
        token = self.fetch_token().json()["access_token"]
        self.session.headers["Authorization"] = f"Bearer {token}"
        return self

    def call(self, method, path, **kwargs):
        kwargs.setdefault("timeout", 5)
        return self.session.request(method, f"{self.url}/v2{path}", **kwargs)

    def create(self, body=None, user="me", **kwargs):
        return self.call("POST", f"/users/{user}/meetings", json=body or meeting_body(), **kwargs)

    def new_meeting(self, **fields):
        response = self.create(meeting_body(**fields))
        assert response.status_code == 201, response.text
        return response.json()


def assert_zoom_shape(operation, body):
    """The body validates against the response schema Zoom publishes for that operation."""
    Draft4Validator(SCHEMAS["responses"][operation]).validate(body)


@pytest.fixture
def start_sandbox():
    servers = []

    def start(**options):
        server = SandboxServer(**options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def server(start_sandbox):
    return start_sandbox()


@pytest.fixture
def zoom(server):
    return Zoom(server.url).sign_in()


@pytest.fixture
def control(server):
    return SandboxControl(server.url)


@pytest.fixture
def receiver():
    """A webhook endpoint that keeps what it is sent (body, timestamp, signature) and says 204."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(
                (raw, self.headers["x-zm-request-timestamp"], self.headers["x-zm-signature"])
            )
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks", received
    server.shutdown()
    server.server_close()


def bodies(received):
    """The received bodies, each checked to be signed with SECRET over its raw bytes."""
    out = []
    for raw, timestamp, signature in received:
        expected = hmac.new(SECRET.encode(), f"v0:{timestamp}:".encode() + raw, hashlib.sha256)
        assert signature == f"v0={expected.hexdigest()}"
        out.append(json.loads(raw))
    return out


def timeline(received):
    """(event, user_id, the time the body gives) of each received body, in arrival order."""
    out = []
    for body in bodies(received):
        obj = body["payload"]["object"]
        participant = obj.get("participant", {})
        at = [participant.get(key) for key in ("join_time", "leave_time", "date_time")]
        at += [obj.get("end_time") if body["event"] == "meeting.ended" else None]
        out.append((body["event"], participant.get("user_id"), next(filter(None, at), None)))
    return out


def played(zoom, control, receiver, scenario="held"):
    """(meeting, received): a meeting at 2030-01-15T09:30:00Z, its scenario (a name or steps)
    played to the receiver."""
    meeting = zoom.new_meeting(start_time="2030-01-15T09:30:00Z")
    control.play(meeting["id"], scenario, receiver[0], SECRET)
    return meeting, receiver[1]


def report(zoom, meeting):
    """The meeting's participant report rows, one page."""
    return zoom.call("GET", f"/report/meetings/{meeting['id']}/participants").json()["participants"]
