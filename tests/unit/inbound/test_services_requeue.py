"""The reconciler queues again a stored delivery that was never processed (a lost queue)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.inbound import requeue
from zoom_worker.inbound.requeue import webhook_deliveries_requeue
from zoom_worker.models import WebhookDelivery
from zoom_worker.tasks import process_webhook


def received(delivery: WebhookDelivery, ago: timedelta) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(received_at=timezone.now() - ago)


@pytest.mark.django_db
def test_only_stale_unprocessed_deliveries_are_queued_again(deliver, queued, settings):
    # given deliveries: one lost long enough ago, one just in, one processed, one from last week
    settings.LUNOVA_RECONCILE_STALE_AFTER = 120
    deliver(envelope("meeting.started", 1001))
    deliver(envelope("meeting.started", 1002))
    deliver(envelope("meeting.started", 1003))
    deliver(envelope("meeting.started", 1004))
    lost, fresh, done, old = WebhookDelivery.objects.order_by("pk")
    received(lost, timedelta(minutes=5))
    received(done, timedelta(minutes=5))
    process_webhook(done.pk)
    received(old, timedelta(days=7))
    queued.clear()
    # when the reconciler runs
    count = webhook_deliveries_requeue()
    # then only the lost one is queued again
    assert count == 1
    assert queued == [lost.pk]
    assert fresh.pk not in queued


@pytest.mark.django_db
def test_a_pass_queues_at_most_a_batch_oldest_first(deliver, queued, settings, monkeypatch):
    # given three lost deliveries and a batch of two
    settings.LUNOVA_RECONCILE_STALE_AFTER = 120
    monkeypatch.setattr(requeue, "REQUEUE_BATCH", 2)
    for zoom_id in (2001, 2002, 2003):
        deliver(envelope("meeting.started", zoom_id))
    newest, middle, oldest = WebhookDelivery.objects.order_by("pk")
    for delivery, minutes in ((newest, 5), (middle, 6), (oldest, 7)):
        received(delivery, timedelta(minutes=minutes))
    queued.clear()
    # when the reconciler runs
    first = webhook_deliveries_requeue()
    # then the first pass takes the two oldest, a bounded read
    assert first == 2
    assert queued == [oldest.pk, middle.pk]
