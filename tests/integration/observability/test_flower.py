"""Flower, as operators run it: every task visible by its name, behind basic auth."""

import pytest
import requests

from tests.conftest import CeleryProcesses, future, wait_until
from tests.plugins.services import free_port, wait_for_port
from zoom_worker.tasks import reconcile_meetings

LOGIN = ("operator", "flower-parola")


@pytest.fixture
def flower(tmp_path):
    port = free_port()
    processes = CeleryProcesses(tmp_path)
    processes.spawn(
        "flower",
        "flower",
        "--address=127.0.0.1",
        f"--port={port}",
        f"--basic-auth={':'.join(LOGIN)}",
    )
    try:
        wait_for_port(port, timeout=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        processes.stop()


def api_get(flower: str, path: str, auth=LOGIN) -> requests.Response:
    return requests.get(f"{flower}/api/{path}", auth=auth, timeout=10)


def succeeded(flower: str, task_id: str) -> dict | None:
    task = api_get(flower, "tasks").json().get(task_id)
    return task if task and task["state"] == "SUCCESS" else None


def test_flower_lists_workers_and_tasks_by_name(flower, workers):
    # given a worker Flower can see
    workers.start(name="flowerw")
    wait_until(
        lambda: any(n.startswith("flowerw@") for n in api_get(flower, "workers?refresh=1").json()),
        timeout=40,
        message="Flower never listed the worker",
    )
    # when a task runs
    task_id = reconcile_meetings.delay().id
    # then Flower lists it by its readable name, finished
    task = wait_until(
        lambda: succeeded(flower, task_id),
        timeout=40,
        message="Flower never saw the task succeed",
    )
    assert task["name"] == "lunova.reconcile_meetings"
    assert task["worker"].startswith("flowerw@")


def test_flower_refuses_anonymous_and_wrong_logins(flower):
    for path in ("workers", "tasks"):
        assert api_get(flower, path, auth=None).status_code == 401
        assert api_get(flower, path, auth=("operator", "yanlis")).status_code == 401


def test_flower_shows_a_sync_zoom_refused_as_a_failure_with_its_reason(
    flower, workers, sandbox, api, expert, client_user
):
    # given a worker Flower can see and a Zoom that refuses the create for good
    sandbox.set_faults(script=[{"op": "create", "fault": "404"}])
    workers.start(name="flowerf")
    # when an appointment is booked
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": future(days=2)},
        format="json",
    )
    assert response.status_code == 201
    # then Flower shows its sync task as FAILURE, the reason readable
    task = wait_until(
        lambda: next(
            (
                t
                for t in api_get(flower, "tasks").json().values()
                if t["name"] == "lunova.sync_meeting" and t["state"] == "FAILURE"
            ),
            None,
        ),
        timeout=40,
        message="Flower never saw the sync task fail",
    )
    assert "MeetingFailed" in task["exception"]
    assert "(HTTP 404, kod 1001)" in task["exception"]
