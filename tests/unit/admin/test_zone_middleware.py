"""Every admin page, a third-party one too, shows times in ZOOM_TIMEZONE and says so in its
header; the API keeps answering in UTC."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django_celery_results.models import TaskResult


@pytest.mark.django_db
def test_task_results_show_istanbul_time(operator):
    # given a task that finished at 10:00 UTC (13:00 in Istanbul)
    TaskResult.objects.create(task_id="task-1", task_name="lunova.sync_meeting", status="SUCCESS")
    # (date_done is stamped on save; set it after)
    TaskResult.objects.update(date_done=datetime(2030, 1, 15, 10, 0, tzinfo=ZoneInfo("UTC")))
    # when the operator opens Celery's task results, a page this project did not write
    html = operator.get("/admin/django_celery_results/taskresult/").content.decode()
    # then the time is Istanbul's, and the header names the zone
    assert "13:00" in html
    assert "10:00" not in html
    assert "Europe/Istanbul" in html


@pytest.mark.django_db
def test_the_api_still_answers_in_utc(api, expert):
    # given the admin's zone is not UTC, when the API is read, then its times end in Z
    body = api(expert).get("/api/v1/auth/me/")
    assert body.status_code == 200
    assert "Europe/Istanbul" not in body.content.decode()
