"""The sandbox's HTTP server: routes requests, applies faults, and runs in a background thread.

http.server's ThreadingHTTPServer is enough for a test double and adds no dependency; one thread
per connection lets a slow (fault-injected) answer hold up nobody else.
"""

import contextlib
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .control_api import ControlApi
from .faults import Faults
from .messages import check_language
from .replies import Reply
from .scopes import GRANULAR, parse_scopes
from .state import Limits, SandboxState
from .users import default_users
from .zoom_api import ZoomApi

# (method, path pattern, operation); the group is the user or the meeting the path names.
ROUTES = [
    ("POST", re.compile(r"/oauth/token()"), "token"),
    ("POST", re.compile(r"/v2/users/([^/]+)/meetings"), "create"),
    ("GET", re.compile(r"/v2/users/([^/]+)/meetings"), "list"),
    ("GET", re.compile(r"/v2/users()"), "users"),
    ("GET", re.compile(r"/v2/users/([^/]+)"), "user"),
    ("GET", re.compile(r"/v2/meetings/([^/]+)"), "get"),
    ("PATCH", re.compile(r"/v2/meetings/([^/]+)"), "patch"),
    ("DELETE", re.compile(r"/v2/meetings/([^/]+)"), "delete"),
    # The meeting id, or its uuid (URL-encoded, twice when it holds a slash).
    ("GET", re.compile(r"/v2/report/meetings/(.+)/participants"), "report"),
    ("DELETE", re.compile(r"/v2/meetings/(.+)/recordings"), "delete_recordings"),
]


class SandboxHandler(BaseHTTPRequestHandler):
    # Keep-alive like Zoom, so clients' connection pools meet dropped and stale connections.
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds an idle kept-alive connection is held open
    # Headers and body go out in two writes; without this, Nagle and delayed ACKs add 40 ms.
    disable_nagle_algorithm = True
    server_version = "ZoomSandbox"
    sys_version = ""
    server: "_HTTPServer"

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PATCH(self):
        self._handle("PATCH")

    def do_DELETE(self):
        self._handle("DELETE")

    def log_message(self, format, *args):
        if self.server.sandbox.log_requests:
            super().log_message(format, *args)

    def _handle(self, method):
        url = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if url.path.startswith("/_sandbox/"):
            control_api = self.server.sandbox.control_api
            self._send(control_api.handle(method, url.path, parse_qs(url.query), raw))
            return
        for route_method, pattern, op in ROUTES:
            match = pattern.fullmatch(url.path)
            if match and route_method == method:
                self._zoom(op, unquote(match[1]), parse_qs(url.query), raw)
                return
        self._send(Reply(404, {"code": 404, "message": f"No such API: {method} {url.path}"}))

    def _zoom(self, op, target, query, raw):
        sandbox = self.server.sandbox
        state, faults = sandbox.state, sandbox.faults
        state.count_request(op)
        time.sleep(faults.latency_ms / 1000)
        fault = faults.draw(op)
        if fault:
            state.count_fault(fault.kind)
        if fault and fault.kind == "drop":
            self.close_connection = True  # before any work: the client gets nothing back
            return
        daily_cap, language = state.limits.daily_per_host, state.language
        reply = fault.reply(op, target, daily_cap, language) if fault else None
        if fault and fault.kind == "slow":
            # Zoom busy for that long before the work is done, then answering.
            time.sleep(fault.seconds)
        if reply is None:
            reply = sandbox.zoom_api.handle(op, target, self.headers, query, raw)
        if fault and fault.kind == "lose_answer":
            self.close_connection = True  # the work is done, the answer never leaves
            return
        if fault and fault.kind == "timeout":
            # Done at once, answered late: a client that gave up finds the work done.
            time.sleep(fault.seconds)
        state.count_status(reply.status)
        self._send(reply)

    def _send(self, reply):
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        body = reply.body
        if isinstance(body, dict):
            body = json.dumps(body, ensure_ascii=False).encode()
        if reply.status != 204:  # a 204 carries neither body nor length (RFC 9110)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        if body and reply.status != 204:
            self.wfile.write(body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, sandbox):
        self.sandbox = sandbox
        self._connections = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, SandboxHandler)

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        """End kept-alive connections, so nobody is still served once the server has stopped."""
        with self._connections_lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):  # already closed by the client
                    connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request, client_address):
        # A client that hung up (a timeout, a dropped answer) is business as usual here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SandboxServer:
    """The offline Zoom stand-in on http://host:port; port 0 picks a free one (see .url).

    Keyword options: the accepted credentials and the `me` host (the account's owner; the
    default roster of users.DEFAULT_ROSTER joins it), token_ttl (seconds), the scopes its tokens
    hold (a space-separated string or a list; every granular scope the service needs by
    default), the language of its error messages (messages.LANGUAGES), the limits (as Limits),
    log_requests, and the fault settings Faults.configure takes.
    """

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        *,
        client_id="sandbox-client",
        client_secret="sandbox-secret",  # noqa: S107 - the stand-in's public demo secret
        account_id="sandbox-account",
        host_email="owner@sandbox.lunova.test",
        token_ttl=3600,
        scopes=GRANULAR,
        language="en",
        medium_per_second=Limits.medium_per_second,
        light_per_second=Limits.light_per_second,
        daily_per_host=Limits.daily_per_host,
        log_requests=False,
        **faults,
    ):
        limits = Limits().changed(
            medium_per_second=medium_per_second,
            light_per_second=light_per_second,
            daily_per_host=daily_per_host,
        )
        self.state = SandboxState(
            limits,
            token_ttl,
            default_users(host_email),
            parse_scopes(scopes),
            check_language(language),
        )
        self.faults = Faults(faults)
        self.log_requests = log_requests
        self._httpd = _HTTPServer((host, port), self)
        self.url = f"http://{host}:{self._httpd.server_address[1]}"
        self.zoom_api = ZoomApi(
            self.state,
            client_id=client_id,
            client_secret=client_secret,
            account_id=account_id,
            host_email=host_email,
            api_url=self.url,
        )
        self.control_api = ControlApi(self.state, self.faults, self.zoom_api, faults)
        self._thread = None

    def start(self):
        # stop() waits up to one poll interval; the tests start a server each, so keep it short.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.close_connections()
        self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
