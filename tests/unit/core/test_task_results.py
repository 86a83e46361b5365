"""core/task_results.py: each state of a task is one statement, and the row keeps what the
task-results page shows (name, worker, arguments, state, result, start time)."""

import json

from celery.app.task import Context
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_celery_results.models import TaskResult

from celery_app import app


def request() -> Context:
    return Context(id="task-1", task="lunova.sync_meeting", hostname="w1@host", args=[7], kwargs={})


def test_started_then_success_is_one_row_written_in_one_statement_each(db):
    # given the worker's result backend
    backend = app.backend
    # when a task starts, then succeeds
    with CaptureQueriesContext(connection) as started:
        backend.store_result("task-1", {"pid": 1}, "STARTED", request=request())
    began = TaskResult.objects.get(task_id="task-1").date_started
    with CaptureQueriesContext(connection) as done:
        backend.store_result("task-1", "ready", "SUCCESS", request=request())
    # then each state took one statement
    assert (len(started), len(done)) == (1, 1)
    # and the one row holds the outcome, the task's name, worker and arguments, its start kept
    row = TaskResult.objects.get()
    assert (row.status, json.loads(row.result)) == ("SUCCESS", "ready")
    assert (row.task_name, row.worker, row.task_args) == ("lunova.sync_meeting", "w1@host", "[7]")
    assert began is not None and row.date_started == began
    assert row.date_done >= began
