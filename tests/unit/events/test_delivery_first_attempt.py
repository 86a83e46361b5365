"""events/delivery.py, `platform_event_send`: the process that records an event makes its first
attempt once the change commits; only a retry becomes a delivery task."""

import pytest
import responses
from django.db import transaction

from tests.unit.events.conftest import URL
from zoom_worker.core.task_names import DELIVER_EVENT
from zoom_worker.events.outbox import platform_events_after_sync
from zoom_worker.models import Meeting, PlatformEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_meeting(events_meeting):
    Meeting.objects.filter(pk=events_meeting.pk).update(status=Meeting.Status.READY)
    return events_meeting


@pytest.fixture
def sent(monkeypatch):
    tasks = []

    def send_task(name, args=None, countdown=None, **_options):
        tasks.append((name, args, countdown))

    monkeypatch.setattr("zoom_worker.core.dispatch.app.send_task", send_task)
    return tasks


def write_back(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        platform_events_after_sync(meeting_id=meeting.pk, status=Meeting.Status.READY)


@responses.activate
def test_the_event_is_delivered_once_the_write_back_commits_with_no_task(
    ready_meeting, sent, django_capture_on_commit_callbacks
):
    # given a receiver that answers 204
    receiver = responses.post(URL, status=204)
    # when the write-back that records meeting.ready commits
    write_back(ready_meeting, django_capture_on_commit_callbacks)
    # then the event is POSTed once from this process and settled, and no task was sent
    event = PlatformEvent.objects.get()
    assert receiver.call_count == 1
    assert receiver.calls[0].request.headers["X-Lunova-Delivery"] == str(event.pk)
    assert (event.state, event.attempts) == ("delivered", 1)
    assert event.delivery_attempts.get().http_status == 204
    assert sent == []


@responses.activate
def test_a_retryable_answer_hands_the_retry_to_the_delivery_task_in_whole_seconds(
    ready_meeting, sent, settings, django_capture_on_commit_callbacks
):
    # given a receiver that asks for 2.5 seconds, and waits capped at 7
    settings.LUNOVA_EVENTS_BACKOFF_MAX = 7
    responses.post(URL, status=429, headers={"Retry-After": "2.5"})
    # when the write-back commits
    write_back(ready_meeting, django_capture_on_commit_callbacks)
    # then the attempt is recorded and the retry is the delivery task's, held whole seconds,
    # no fewer than the receiver asked
    event = PlatformEvent.objects.get()
    assert (event.state, event.attempts) == ("pending", 1)
    [(task, args, countdown)] = sent
    assert (task, args) == (DELIVER_EVENT, [str(event.pk)])
    assert isinstance(countdown, int)
    assert 3 <= countdown <= 7


def test_a_first_attempt_that_raises_leaves_the_change_and_the_event_pending(
    ready_meeting, sent, monkeypatch, django_capture_on_commit_callbacks
):
    # given an attempt that blows up (its database statement fails, say)
    def broken(_event):
        raise RuntimeError("boom")

    monkeypatch.setattr("zoom_worker.events.delivery._attempt", broken)
    # when the write-back commits
    write_back(ready_meeting, django_capture_on_commit_callbacks)
    # then nothing raised into the sync, and the event waits for the reconciler's resend
    event = PlatformEvent.objects.get()
    assert (event.state, event.attempts) == ("pending", 0)
    assert sent == []
