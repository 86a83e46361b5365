"""Celery's side of logs and metrics, connected when Django starts (web, worker and beat alike).

- publishing: the ids of the request (or task) that publishes travel in the message headers;
- running: a task's log lines carry those ids plus its own task id, then its outcome is counted;
- the worker's main process serves the worker's metrics when LUNOVA_WORKER_METRICS_PORT is set.
"""

from celery import signals
from django.conf import settings

from zoom_worker.observability.context import PROPAGATED, propagated_ids, replace_ids
from zoom_worker.observability.exporters import serve_worker_metrics
from zoom_worker.observability.metrics import task_finished

HEADER = "lunova_ids"


@signals.before_task_publish.connect(weak=False)
def _ids_into_headers(headers=None, **_kwargs):
    ids = propagated_ids()
    if ids and headers is not None:
        headers[HEADER] = ids


@signals.task_prerun.connect(weak=False)
def _ids_from_headers(task_id=None, task=None, **_kwargs):
    carried = task.request.get(HEADER) or {}
    replace_ids(
        **{k: v for k, v in carried.items() if k in PROPAGATED}, task_id=task_id, task=task.name
    )


@signals.task_postrun.connect(weak=False)
def _task_done(task=None, state=None, **_kwargs):
    task_finished(task_name=task.name, state=state)
    replace_ids()


@signals.worker_init.connect(weak=False)
def _serve_worker_metrics(**_kwargs):
    if settings.LUNOVA_WORKER_METRICS_PORT:
        serve_worker_metrics(settings.LUNOVA_WORKER_METRICS_PORT)
