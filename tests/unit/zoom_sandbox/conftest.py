"""The sandbox's own tests: a fresh stand-in per test on a free port, spoken to over real HTTP."""

import pytest
import requests
from jsonschema import Draft4Validator

from zoom_sandbox.control import SandboxControl
from zoom_sandbox.server import SandboxServer
from zoom_sandbox.validation import SCHEMAS

CREDENTIALS = ("sandbox-client", "sandbox-secret")
TOKEN_FORM = {"grant_type": "account_credentials", "account_id": "sandbox-account"}
HOST = "owner@sandbox.lunova.test"


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
