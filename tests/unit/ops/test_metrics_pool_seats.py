"""GET /metrics: each active pool host's seats, and how many of them are held now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import pool_meeting
from tests.unit.ops.test_metrics import scrape, value
from zoom_worker.models import ZoomHost


@pytest.mark.django_db
def test_seats_in_use_now_per_active_host(client, expert):
    # given host1 (2 seats) running one meeting now, host2 idle, host3 disabled
    host1 = ZoomHost.objects.create(
        user="host1@sandbox.lunova.test", email="host1@sandbox.lunova.test", concurrency=2
    )
    ZoomHost.objects.create(user="host2@sandbox.lunova.test", email="host2@sandbox.lunova.test")
    ZoomHost.objects.create(user="host3@sandbox.lunova.test", active=False)
    pool_meeting(owner=expert, host=host1, start=timezone.now() - timedelta(minutes=5))
    pool_meeting(owner=expert, host=host1, start=timezone.now() + timedelta(hours=2), seat=1)
    # when Prometheus scrapes
    samples = scrape(client)
    # then host1 uses 1 of its 2 seats, host2 none of 1, and host3 is not reported
    assert value(samples, "lunova_zoom_host_seats_in_use", host="host1@sandbox.lunova.test") == 1
    assert value(samples, "lunova_zoom_host_seats", host="host1@sandbox.lunova.test") == 2
    assert ("lunova_zoom_host_seats_in_use", (("host", "host2@sandbox.lunova.test"),)) in samples
    assert value(samples, "lunova_zoom_host_seats", host="host2@sandbox.lunova.test") == 1
    assert ("lunova_zoom_host_seats", (("host", "host3@sandbox.lunova.test"),)) not in samples
