"""Where metrics are read: the web's `GET /metrics` and the worker's own port (see metrics.py)."""

import hmac
import logging
import os

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse, HttpResponseNotFound
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily
from redis.exceptions import RedisError

from celery_app import app
from zoom_worker.connections import redis_connection
from zoom_worker.models import Meeting

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
            depth = redis_connection().llen(queue)
        except RedisError:
            # /healthz names a broker outage; the scrape still answers with the rest.
            logger.warning("metrics: broker unreachable, queue length left out")
            return
        waiting = GaugeMetricFamily(
            "lunova_celery_queue_length", "Tasks waiting in the broker queue.", labels=["queue"]
        )
        waiting.add_metric([queue], depth)
        yield waiting


_shared_state = CollectorRegistry(auto_describe=False)
_shared_state.register(SharedStateCollector())


def process_registry() -> CollectorRegistry:
    """This process's metrics or, in multiprocess mode, those of every process on the machine."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def metrics_view(request):
    """Open in development; with LUNOVA_METRICS_TOKEN set, only for `Authorization: Bearer
    <token>`; in production without a token it is not published at all (404)."""
    token = settings.LUNOVA_METRICS_TOKEN
    if not token:
        if settings.LUNOVA_PRODUCTION:
            return HttpResponseNotFound()
    else:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    body = generate_latest(process_registry()) + generate_latest(_shared_state)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


def serve_worker_metrics(port: int) -> None:
    """The worker's endpoint, served by its main process for all of its pool's children."""
    start_http_server(port, registry=process_registry())
    logger.info("worker metrics served on port %s", port)
