"""The safety net beat runs: pending meetings whose event was lost are published again, and Zoom
meetings that carry our marker but belong to no live row are deleted."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.utils import timezone

from celery_app import app
from lunova.users.services import user_create
from tests.conftest import wait_until
from tests.integration.conftest import fresh, in_days
from zoom_worker.core.connections import redis_connection, zoom_client
from zoom_worker.meetings.payloads import create_body, desired_fields
from zoom_worker.meetings.reconcile import meetings_reconcile, zoom_orphans_sweep
from zoom_worker.meetings.services import standalone_meeting_delete
from zoom_worker.models import Meeting


def published_meeting_ids() -> list[int]:
    """The meeting ids of the sync events waiting in the broker's queue (Redis or RabbitMQ).
    Read without acknowledging: closing the channel puts them back."""
    ids = []
    with app.connection_for_read() as conn:
        channel = conn.channel()
        queue = app.amqp.queues[app.conf.task_default_queue].bind(channel)
        while (message := queue.get()) is not None:
            if message.headers["task"] == "lunova.sync_meeting":
                args, _kwargs, _embed = message.decode()
                ids.append(args[0])
        channel.close()
    return sorted(ids)


def aged(meeting: Meeting, *, seconds: float, **fields) -> Meeting:
    """The row as if last touched `seconds` ago (and with `fields` set)."""
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds), **fields
    )
    return fresh(meeting)


@pytest.mark.django_db
def test_reconciler_publishes_only_meetings_left_out_of_sync(new_meeting, ready_meeting, settings):
    # given meetings in every state the reconciler must tell apart
    stale = settings.LUNOVA_RECONCILE_STALE_AFTER + 5
    now = timezone.now()
    lost_event = aged(new_meeting(), seconds=stale)
    dead_worker = aged(
        new_meeting(),
        seconds=stale,
        lease_owner="dead",
        lease_expires_at=now - timedelta(seconds=1),
    )
    aged(new_meeting(), seconds=1)  # its event is still on its way
    aged(
        new_meeting(),
        seconds=stale,
        lease_owner="busy",
        lease_expires_at=now + timedelta(minutes=1),
    )
    aged(new_meeting(), seconds=stale, not_before=now + timedelta(hours=1))  # deferred, not due
    due = aged(new_meeting(), seconds=2, not_before=now - timedelta(seconds=1))
    aged(ready_meeting(), seconds=stale)  # in sync
    # when the reconciler runs
    published = meetings_reconcile()
    # then exactly the lost event, the dead worker's meeting and the one now due are published
    expected = sorted([lost_event.pk, dead_worker.pk, due.pk])
    assert published == 3
    assert published_meeting_ids() == expected
    # and the next run leaves them to those events for another STALE_AFTER
    assert meetings_reconcile() == 0
    assert published_meeting_ids() == expected


@pytest.mark.django_db(transaction=True)
def test_event_lost_with_the_queue_is_published_again(new_meeting, workers, settings, sandbox):
    # given a booking whose event the broker lost (its queue emptied), and a running worker
    meeting = new_meeting()
    redis_connection().flushdb()
    workers.start()
    # when the reconciler runs once the meeting is stale
    settings.LUNOVA_RECONCILE_STALE_AFTER = 0
    assert meetings_reconcile() == 1
    # then the worker makes the meeting
    wait_until(lambda: fresh(meeting).status == Meeting.Status.READY, timeout=30)
    [held] = sandbox.meetings()
    assert str(held["id"]) == fresh(meeting).zoom_meeting_id


def zoom_meeting(*, host: str = "me", marker=None, agenda: str | None = None) -> int:
    """A meeting made straight in Zoom, tagged with `marker` (or a stranger's, or `agenda`)."""
    desired = desired_fields(
        topic="Terapi", start_time=in_days(2), duration=45, timezone="Europe/Istanbul"
    )
    body = create_body(desired=desired, marker=marker or uuid4())
    if agenda is not None:
        body["agenda"] = agenda
    return zoom_client().create_meeting(host=host, body=body)["id"]


@pytest.mark.django_db
def test_orphan_sweep_deletes_tagged_meetings_no_live_row_owns(new_meeting, ready_meeting, sandbox):
    # given live meetings on two hosts, a cancelled one Zoom still holds, and tagged meetings
    # Zoom holds beside them
    live = ready_meeting()
    cancelled = standalone_meeting_delete(meeting=ready_meeting())
    duplicate = zoom_meeting(marker=live.marker)
    stranger = zoom_meeting()
    own_host = user_create(
        username="elif", role="expert", password="uzman-parola-3", zoom_user="elif@lunova.test"
    )
    sandbox.add_user(own_host.zoom_user)
    live_elsewhere = ready_meeting(owner=own_host)
    stranger_elsewhere = zoom_meeting(host=own_host.zoom_user)
    # and meetings that must stay: someone's own, one a lost answer left for its row to adopt,
    # and one of a row a worker is busy with (a re-create not yet written back)
    personal = zoom_meeting(agenda="Kişisel görüşme")
    waiting = new_meeting()
    adoptable = zoom_meeting(marker=waiting.marker)
    busy = ready_meeting()
    Meeting.objects.filter(pk=busy.pk).update(
        lease_owner="busy", lease_expires_at=timezone.now() + timedelta(minutes=1)
    )
    recreated = zoom_meeting(marker=busy.marker)
    # when the sweep runs
    deleted = zoom_orphans_sweep()
    # then the duplicate, the cancelled one and both strangers are gone, the rest stay
    assert deleted == 4
    remaining = {meeting["id"] for meeting in sandbox.meetings()}
    assert remaining == {
        int(live.zoom_meeting_id),
        int(live_elsewhere.zoom_meeting_id),
        int(busy.zoom_meeting_id),
        personal,
        adoptable,
        recreated,
    }
    assert int(cancelled.zoom_meeting_id) not in remaining
    assert {duplicate, stranger, stranger_elsewhere}.isdisjoint(remaining)
