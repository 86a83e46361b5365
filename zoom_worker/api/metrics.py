"""GET /metrics: this machine's process metrics plus figures the whole fleet shares (meetings by
status, the broker's queue), read from the database and the broker at scrape time."""

import logging

from django.db.models import Count
from django.http import HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from celery_app import app
from zoom_worker.models import Meeting
from zoom_worker.observability.exporters import process_registry

logger = logging.getLogger(__name__)


class SharedStateCollector:
    """Read at scrape time from the database and the broker, which the whole fleet shares."""

    def collect(self):
        meetings = GaugeMetricFamily(
            "lunova_meetings", "Meetings by sync status.", labels=["status"]
        )
        counts = dict(Meeting.objects.order_by().values_list("status").annotate(n=Count("id")))
        for status in Meeting.Status.values:
            meetings.add_metric([status], counts.get(status, 0))
        yield meetings
        queue = app.conf.task_default_queue
        try:
            depth = _queue_length(queue)
        except Exception:
            # /healthz names a broker outage; the scrape still answers with the rest.
            logger.warning("metrics: broker unreachable, queue length left out")
            return
        waiting = GaugeMetricFamily(
            "lunova_celery_queue_length", "Tasks waiting in the broker queue.", labels=["queue"]
        )
        waiting.add_metric([queue], depth)
        yield waiting


def _queue_length(queue: str) -> int:
    """Tasks waiting in `queue`, from whichever broker Celery uses (Redis or RabbitMQ)."""
    with app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        channel = conn.default_channel
        if conn.transport.driver_type == "redis":
            return channel.client.llen(queue)
        try:
            return channel.queue_declare(queue=queue, passive=True).message_count
        except conn.channel_errors:
            # Not declared yet: no worker has started on this broker, nothing waits.
            return 0


_shared_state = CollectorRegistry(auto_describe=False)
_shared_state.register(SharedStateCollector())


def metrics_view(request):
    body = generate_latest(process_registry()) + generate_latest(_shared_state)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
