"""GET /metrics: this machine's process metrics plus figures the whole fleet shares (meetings by
status, the oldest pending meeting, the pool's seats in use, the broker's queue, each Zoom
host's requests today), read from the database, the broker and Redis at scrape time.

A host label never carries a person's address: pool hosts (service accounts) go by e-mail, an
expert's own Zoom user by the expert's id."""

import hmac
import logging
from collections import Counter
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from celery_app import app
from zoom_worker.core.connections import zoom_requests_today
from zoom_worker.meetings.selectors import meeting_host_users
from zoom_worker.models import ZoomHost
from zoom_worker.observability.exporters import process_registry
from zoom_worker.ops import fleet

logger = logging.getLogger(__name__)


def host_daily_requests() -> dict[str, int] | None:
    """Today's create/update requests of each Zoom user meetings are given to, as the limiter
    counts them (labelled in lower case, as Zoom reads an e-mail); hosts with none are left
    out. None while Redis does not answer."""
    used = zoom_requests_today({host.lower() for host in meeting_host_users()})
    return None if used is None else {host: n for host, n in used.items() if n}


# Any other host: an expert's former Zoom user, say, which may be a personal address.
OTHER_HOST = "other"


def host_labels(hosts) -> dict[str, str]:
    """The label of each Zoom host (as the limiter keys it, lower case): a pool host by its
    e-mail (else its Zoom user), an expert's own Zoom user as `expert:<id>`, ZOOM_HOST_USER (the
    account's default host, set by the operator) as it is, anything else as `other`."""
    hosts = set(hosts)
    labels = dict.fromkeys(hosts, OTHER_HOST)
    default = settings.ZOOM_HOST_USER.lower()
    if default in hosts:
        labels[default] = default
    experts = get_user_model().objects.annotate(host=Lower("zoom_user"))
    for expert_id, host in experts.filter(role="expert", host__in=hosts).values_list("pk", "host"):
        labels[host] = f"expert:{expert_id}"
    pool = ZoomHost.objects.annotate(host=Lower("user")).filter(host__in=hosts)
    for host, email in pool.values_list("host", "email"):
        labels[host] = email or host
    return labels


def _age(name: str, documentation: str, since: datetime | None) -> GaugeMetricFamily:
    """Seconds since `since` (0 when there is nothing to age)."""
    age = (timezone.now() - since).total_seconds() if since else 0
    return GaugeMetricFamily(name, documentation, value=age)


class SharedStateCollector:
    """Read at scrape time from the database and the broker, which the whole fleet shares."""

    def collect(self):
        meetings = GaugeMetricFamily(
            "lunova_meetings", "Meetings by sync status.", labels=["status"]
        )
        for status, n in fleet.meetings_by_status().items():
            meetings.add_metric([status], n)
        yield meetings
        oldest_pending = fleet.oldest_pending_meeting()
        yield _age(
            "lunova_oldest_pending_meeting_age_seconds",
            "Age of the oldest pending meeting (0: none pending).",
            oldest_pending[1] if oldest_pending else None,
        )
        yield _age(
            "lunova_oldest_undelivered_event_age_seconds",
            "Age of the oldest platform event not delivered yet (0: none waiting).",
            fleet.oldest_undelivered_event_at(),
        )
        yield from _pool_seats()
        queue = app.conf.task_default_queue
        daily = host_daily_requests()
        try:
            depth = _queue_length(queue)
        except Exception:
            # /healthz names a broker outage; the scrape still answers with the rest.
            logger.warning("metrics: broker unreachable, queue length and daily requests left out")
            return
        waiting = GaugeMetricFamily(
            "lunova_celery_queue_length", "Tasks waiting in the broker queue.", labels=["queue"]
        )
        waiting.add_metric([queue], depth)
        yield waiting
        requests_today = GaugeMetricFamily(
            "lunova_zoom_host_daily_requests",
            "Create/update requests sent today (UTC) per Zoom host; Zoom caps them per day.",
            labels=["host"],
        )
        by_label = Counter()
        daily = daily or {}
        labels = host_labels(daily)
        for host, used in daily.items():
            by_label[labels[host]] += used
        for label, used in sorted(by_label.items()):
            requests_today.add_metric([label], used)
        yield requests_today
        yield GaugeMetricFamily(
            "lunova_zoom_daily_cap",
            "Create/update requests a Zoom host may send per UTC day (ZOOM_DAILY_CAP).",
            value=settings.ZOOM_DAILY_CAP,
        )


def _pool_seats():
    """Per active pool host (labelled by its e-mail, a service account's): its seats and how
    many of them meetings hold now."""
    in_use = GaugeMetricFamily(
        "lunova_zoom_host_seats_in_use",
        "Seats of a pool host held now by a meeting or the buffer after it.",
        labels=["host"],
    )
    seats = GaugeMetricFamily(
        "lunova_zoom_host_seats",
        "Meetings a pool host may run at once (its concurrency).",
        labels=["host"],
    )
    for host in fleet.pool_hosts_load(now=timezone.now()):
        label = host.email or host.user
        in_use.add_metric([label], host.seats_now)
        seats.add_metric([label], host.concurrency)
    yield in_use
    yield seats


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
