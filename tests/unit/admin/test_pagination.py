"""The admin's lists never count a whole table: each count stops at a cap, past it an estimate."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zoom_worker.admin import pagination
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import SyncAttempt

LISTS = ("appointment", "meeting", "syncattempt", "platformevent")


@pytest.fixture
def rows(expert, client_user):
    for days in (1, 2, 3):
        appointment = appointment_create(
            expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=days)
        )
        SyncAttempt.objects.create(
            meeting=appointment.meeting,
            action="create",
            started_at=appointment.created_at,
            duration_ms=1,
            outcome="ok",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_every_count_is_limited(operator, rows, name):
    with CaptureQueriesContext(connection) as captured:
        response = operator.get(f"/admin/zoom_worker/{name}/")
    assert response.status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts), counts


@pytest.mark.django_db
def test_past_the_cap_the_pages_come_from_an_estimate(operator, rows, monkeypatch):
    monkeypatch.setattr(pagination, "ADMIN_COUNT_CAP", 1)
    monkeypatch.setattr(pagination, "estimated_rows", lambda queryset: 1234)
    response = operator.get("/admin/zoom_worker/syncattempt/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1234
