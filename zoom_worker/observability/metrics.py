"""Prometheus metrics (prometheus_client; django-prometheus measures the HTTP side).

Web and worker are separate processes, often on separate machines. Each process type exports its
own metrics, in prometheus_client's multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set (gunicorn
workers and Celery's prefork children each write their own files, their parent process sums them):
- web `GET /metrics`: API requests, Zoom calls made by the API, and what only a look at the
  shared stores can tell (meetings by status, queue depth), so it is counted once for the fleet;
- worker `:LUNOVA_WORKER_METRICS_PORT/metrics`: task outcomes and the Zoom calls tasks make.
Flower's /metrics cannot replace the worker's: it sees task events, not the Zoom calls inside them.
"""

from prometheus_client import Counter, Histogram

from zoom_worker.zoom.client import CallRecord

ZOOM_CALLS = Counter(
    "lunova_zoom_calls_total",
    "HTTP calls made to Zoom, by action and outcome.",
    ["action", "outcome"],
)
ZOOM_CALL_SECONDS = Histogram(
    "lunova_zoom_call_duration_seconds",
    "Time a Zoom call took, answered or not.",
    ["action"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
TASKS = Counter(
    "lunova_celery_tasks_total",
    "Celery tasks finished, by task name and state (SUCCESS, FAILURE, RETRY).",
    ["task", "state"],
)
PLATFORM_EVENT_ATTEMPTS = Counter(
    "lunova_platform_event_attempts_total",
    "Delivery attempts of platform events, by what followed: delivered, retried or failed.",
    ["outcome"],
)


def platform_event_attempted(*, outcome: str) -> None:
    PLATFORM_EVENT_ATTEMPTS.labels(outcome).inc()


def zoom_call_observed(call: CallRecord) -> None:
    ZOOM_CALLS.labels(call.action, call.outcome).inc()
    ZOOM_CALL_SECONDS.labels(call.action).observe(call.duration_ms / 1000)


def task_finished(*, task_name: str, state: str) -> None:
    TASKS.labels(task_name, state).inc()
