"""Scheduled series sessions are counted apart: never pending on the health page, nor in the
metrics the pending alert reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.models import Meeting
from zoom_worker.ops.figures import sync_health
from zoom_worker.series.services import series_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_scheduled(expert, client_user, settings):
    """Three sessions all beyond the horizon, booked long ago."""
    settings.LUNOVA_SERIES_HORIZON_DAYS = 5
    start = (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    series_create(expert=expert, client=client_user, start_time=start, count=3)
    Meeting.objects.update(created_at=timezone.now() - timedelta(days=3))
    assert set(Meeting.objects.values_list("status", flat=True)) == {"scheduled"}


def test_the_health_page_counts_them_apart_from_pending(only_scheduled):
    # given three scheduled sessions booked three days ago
    # when the health figures are read
    sections = {section.slug: section for section in sync_health()}
    # then none is pending, by age or as the oldest
    assert sum(row.value for row in sections["pending-age"].rows) == 0
    assert sections["oldest-pending"].rows == []
    # and they are counted on a line of their own
    by_status = {row.key: row.value for row in sections["by-status"].rows}
    assert (by_status["pending"], by_status["scheduled"]) == (0, 3)
    assert sections["scheduled"].rows[0].value == 3


def test_the_metrics_never_age_them_as_pending(only_scheduled, client):
    # given three scheduled sessions booked three days ago
    # when /metrics is scraped
    body = client.get("/metrics").content.decode()
    # then no pending meeting is aged, and they show as scheduled
    assert "lunova_oldest_pending_meeting_age_seconds 0.0" in body
    assert 'lunova_meetings{status="scheduled"} 3.0' in body
    assert 'lunova_meetings{status="pending"} 0.0' in body
