"""Zoom webhook helpers: signed deliveries, a record of queued processing, a meeting in Zoom."""

import time
from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from celery_app import app
from tests.factories import zoom_made_appointment
from tests.unit.inbound.zoom_events import SECRET, URL, encoded, signature
from zoom_worker.core.task_names import PROCESS_WEBHOOK


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = SECRET
    return SECRET


@pytest.fixture
def sent(monkeypatch) -> dict[str, list]:
    """The ids handed to the broker, by task name, in order; nothing reaches a real broker."""
    by_task: dict[str, list] = defaultdict(list)

    def send_task(name, args, **kwargs):
        by_task[name].append(args[0])

    monkeypatch.setattr(app, "send_task", send_task)
    return by_task


@pytest.fixture
def queued(sent) -> list[int]:
    """The delivery ids queued for processing, in order."""
    return sent[PROCESS_WEBHOOK]


@pytest.fixture
def deliver(queued, django_capture_on_commit_callbacks):
    """POST a body to the webhook endpoint, signed now with the secret unless told otherwise;
    what the request queues after its commit is recorded in `queued`."""

    def post(body, *, timestamp: str | None = None, secret: str = SECRET, headers=None):
        raw = encoded(body)
        sent_at = str(int(time.time())) if timestamp is None else timestamp
        if headers is None:
            headers = {
                "HTTP_X_ZM_REQUEST_TIMESTAMP": sent_at,
                "HTTP_X_ZM_SIGNATURE": signature(raw, sent_at, secret),
            }
        with django_capture_on_commit_callbacks(execute=True):
            return APIClient().post(URL, raw, content_type="application/json", **headers)

    return post


@pytest.fixture
def zoom_appointment(expert, client_user, sandbox):
    """An appointment whose meeting the worker has made in the Zoom stand-in."""
    return zoom_made_appointment(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
