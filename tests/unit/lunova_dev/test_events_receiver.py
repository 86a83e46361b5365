"""`manage.py events_receiver`: a real process that prints one line per event, saying whether
its signature holds."""

import os
import subprocess
import sys
import time

import requests

from tests.plugins.services import ROOT, free_port, wait_for_port
from zoom_worker.events.transport import event_signature

BODY = b'{"id":"e1","type":"meeting.ready","meeting":7,"appointment":3,"sequence":1,"data":{}}'


def post(port: int, secret: str):
    stamp = str(int(time.time()))
    return requests.post(
        f"http://127.0.0.1:{port}/",
        data=BODY,
        headers={
            "X-Lunova-Timestamp": stamp,
            "X-Lunova-Signature": event_signature(secret=secret, timestamp=stamp, body=BODY),
        },
        timeout=5,
    )


def test_the_receiver_checks_signatures_and_prints_each_event():
    # given the receiver running with a secret
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "events_receiver", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "LUNOVA_EVENTS_SECRET": "demo-secret"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port)
        # when one event is signed with the secret and one with another
        good, bad = post(port, "demo-secret"), post(port, "another")
    finally:
        process.terminate()
        output, _err = process.communicate(timeout=10)
    # then the first is taken and the second refused, each with its line
    assert (good.status_code, bad.status_code) == (204, 401)
    assert "meeting.ready meeting=7 appointment=3 sequence=1 signature=valid" in output
    assert "signature=INVALID" in output
