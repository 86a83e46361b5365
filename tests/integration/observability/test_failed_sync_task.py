"""A sync that ends `failed` is a FAILURE in Task results, with its reason, and no traceback."""

import json

import pytest
from django_celery_results.models import TaskResult

from tests.conftest import future, wait_until
from zoom_worker.models import Appointment, Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_meeting_zoom_refuses_fails_its_task_without_a_traceback(
    api, expert, client_user, workers, sandbox, tmp_path
):
    # given a worker and a Zoom that refuses the create for good
    sandbox.set_faults(script=[{"op": "create", "fault": "404"}])
    workers.start(name="fails")
    # when an appointment is booked
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": future(days=2)},
        format="json",
    )
    assert response.status_code == 201
    meeting = Appointment.objects.get(pk=response.json()["id"]).meeting
    # then its sync task is stored as a FAILURE whose result names Zoom's reason
    result = wait_until(
        lambda: TaskResult.objects.filter(
            task_name="lunova.sync_meeting", status="FAILURE"
        ).first(),
        timeout=40,
        message="no FAILURE row for the sync task",
    )
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.FAILED
    stored = json.loads(result.result)
    assert stored["exc_type"] == "MeetingFailed"
    assert "(HTTP 404, kod 1001)" in " ".join(stored["exc_message"])
    # and the worker logged the failure in one line, without a traceback
    log = (tmp_path / "fails.log").read_text(encoding="utf-8", errors="replace")
    assert "(HTTP 404, kod 1001)" in log
    assert "Traceback" not in log
