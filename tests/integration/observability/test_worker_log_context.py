"""The request id of the API call that changed a meeting reaches the worker's log lines."""

import json

import pytest

from tests.conftest import future, wait_until
from zoom_worker.models import Appointment

pytestmark = pytest.mark.django_db(transaction=True)


def worker_lines(log_path) -> list[dict]:
    # Celery's start-up banner is printed, not logged: only the log lines are JSON.
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return [json.loads(raw) for raw in text.splitlines() if raw.startswith("{")]


def test_the_request_id_reaches_the_task_that_syncs_the_meeting(
    api, expert, client_user, workers, sandbox, tmp_path
):
    # given a worker logging JSON lines
    workers.start(name="logs", LUNOVA_LOG_FORMAT="json")
    # when an appointment is booked under a request id
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": future(days=2)},
        format="json",
        HTTP_X_REQUEST_ID="rezervasyon-7",
    )
    assert response.status_code == 201
    # then the lines the worker logs while syncing its meeting carry it, with the task's ids
    done = wait_until(
        lambda: [
            line
            for line in worker_lines(tmp_path / "logs.log")
            if line.get("request_id") == "rezervasyon-7" and "succeeded" in line["message"]
        ],
        timeout=40,
        message="no worker line carries the request id",
    )
    [line] = done
    assert line["task"] == "lunova.sync_meeting"
    assert line["task_id"]
    assert line["meeting_id"] == Appointment.objects.get(pk=response.json()["id"]).meeting_id
    zoom_calls = [
        entry
        for entry in worker_lines(tmp_path / "logs.log")
        if entry["logger"] == "zoom_worker.zoom.client" and entry.get("task_id") == line["task_id"]
    ]
    assert zoom_calls and all(e["request_id"] == "rezervasyon-7" for e in zoom_calls)
    assert any("outcome=ok" in e["message"] for e in zoom_calls)
