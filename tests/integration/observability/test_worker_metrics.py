"""The worker's own /metrics: its pool children's task outcomes and Zoom calls, added up."""

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import wait_until
from tests.plugins.services import free_port
from zoom_worker.tasks import sweep_zoom_orphans

pytestmark = pytest.mark.django_db(transaction=True)

SWEPT = ("lunova_celery_tasks_total", (("state", "SUCCESS"), ("task", "lunova.sweep_zoom_orphans")))
LISTED = ("lunova_zoom_calls_total", (("action", "list"), ("outcome", "ok")))
LIST_TIMED = ("lunova_zoom_call_duration_seconds_count", (("action", "list"),))


def after_the_sweep(port: int) -> dict | None:
    """The worker's samples once it counted the sweep; None before (or before it listens)."""
    try:
        text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    except requests.ConnectionError:
        return None
    found = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    return found if found.get(SWEPT) == 1 else None


def test_the_worker_serves_what_its_children_counted(workers, sandbox, tmp_path):
    # given a prefork worker in multiprocess mode serving its metrics
    port = free_port()
    multiproc = tmp_path / "prometheus"
    multiproc.mkdir()
    workers.start(PROMETHEUS_MULTIPROC_DIR=multiproc, LUNOVA_WORKER_METRICS_PORT=port)
    # when a child runs a task that calls Zoom
    sweep_zoom_orphans.delay()
    # then the main process's endpoint counts the task and its calls
    found = wait_until(
        lambda: after_the_sweep(port),
        timeout=40,
        message="the worker's /metrics never counted the sweep",
    )
    assert found[LISTED] >= 1
    assert found[LIST_TIMED] == found[LISTED]
