"""django-celery-results keeps each task's outcome, and operators read it in the admin."""

import json

from django.contrib.auth import get_user_model
from django_celery_results.models import TaskResult

from tests.conftest import wait_until
from zoom_worker.tasks import reconcile_meetings


def test_a_finished_task_is_stored_and_shown_in_the_admin(workers, client):
    # given a worker
    workers.start()
    # when it runs a task
    task_id = reconcile_meetings.delay().id
    # then its outcome is stored under its id and readable name
    result = wait_until(
        lambda: TaskResult.objects.filter(task_id=task_id, status="SUCCESS").first(),
        timeout=40,
        message="no SUCCESS row for the task",
    )
    assert result.task_name == "lunova.reconcile_meetings"
    assert json.loads(result.result) == {
        "meetings": 0,
        "webhooks": 0,
        "events": 0,
        "former_meetings": 0,
        "start_urls": 0,
    }
    # and an operator finds it in the admin
    operator = get_user_model().objects.create_superuser("operator", "op@example.com", "op-p-1")
    client.force_login(operator)
    page = client.get("/admin/django_celery_results/taskresult/")
    assert page.status_code == 200
    assert task_id in page.content.decode()
