"""GET /metrics: API requests, Zoom calls, task outcomes, queue length and meetings by status."""

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from zoom_worker.appointments.services import appointment_create
from zoom_worker.core.connections import zoom_client
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting, ZoomHost
from zoom_worker.tasks import reconcile_meetings, sync_meeting
from zoom_worker.zoom.errors import ZoomNotFound


def scrape(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.django_db
def test_api_requests_are_counted(client, api, expert):
    before = scrape(client)
    api(expert).get("/api/v1/appointments/")
    after = scrape(client)
    name = "django_http_responses_total_by_status_view_method_total"
    labels = {"method": "GET", "status": "200", "view": "appointment-list"}
    assert value(after, name, **labels) == value(before, name, **labels) + 1


@pytest.mark.django_db
def test_zoom_calls_are_counted_and_timed_by_outcome(client, sandbox):
    before = scrape(client)
    # when a Zoom call is answered 404 (after a token call answered 200)
    with pytest.raises(ZoomNotFound):
        zoom_client().get_meeting(meeting_id="123456789")
    after = scrape(client)
    calls = "lunova_zoom_calls_total"
    assert value(after, calls, action="get", outcome="not_found") == (
        value(before, calls, action="get", outcome="not_found") + 1
    )
    assert value(after, calls, action="token", outcome="ok") >= 1
    latency = "lunova_zoom_call_duration_seconds_count"
    assert value(after, latency, action="get") == value(before, latency, action="get") + 1


# A task's start checks the database connection (zoom_worker.core.connections), which closes one
# held inside a test's transaction: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_task_outcomes_are_counted(client):
    before = scrape(client)
    reconcile_meetings.apply()
    after = scrape(client)
    name = "lunova_celery_tasks_total"
    labels = {"task": "lunova.reconcile_meetings", "state": "SUCCESS"}
    assert value(after, name, **labels) == value(before, name, **labels) + 1


@pytest.mark.django_db
def test_meetings_by_status_and_queue_length_are_read_when_scraped(client, expert, client_user):
    # given one pending meeting and two tasks waiting in the broker's queue
    appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
    sync_meeting.apply_async(args=[1])
    sync_meeting.apply_async(args=[2])
    samples = scrape(client)
    assert value(samples, "lunova_meetings", status="pending") == 1
    assert value(samples, "lunova_meetings", status="ready") == 0
    assert value(samples, "lunova_celery_queue_length", queue="celery") == 2


@pytest.mark.django_db
def test_oldest_pending_meeting_and_daily_requests_per_host_are_read_at_scrape(client, expert):
    # given a pending meeting booked ten minutes ago, and 7 requests sent today for one pool host
    ZoomHost.objects.create(user="Host@Example.com", email="host@example.com")
    meeting = standalone_meeting_create(
        owner=expert, topic="Ön görüşme", start_time=timezone.now() + timedelta(days=1)
    )
    Meeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    limiter = zoom_client()._limiter
    for _ in range(7):
        limiter.take_daily("Host@Example.com")
    # when Prometheus scrapes
    samples = scrape(client)
    # then the age and the host's count are there
    assert 595 < value(samples, "lunova_oldest_pending_meeting_age_seconds") < 700
    assert value(samples, "lunova_zoom_host_daily_requests", host="host@example.com") == 7
    assert value(samples, "lunova_zoom_daily_cap") == 100
