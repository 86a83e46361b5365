"""A pool of the stand-in's licensed hosts, and what proves no seat was double-booked."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from zoom_worker.models import HostSeat, ZoomHost

HOSTS = [f"host{n}@sandbox.lunova.test" for n in range(1, 5)]


@pytest.fixture
def pool(sandbox, db):
    """Records the stand-in's hosts given as {e-mail: concurrency}; returns the ZoomHost rows."""

    def make(concurrency: dict[str, int]) -> list[ZoomHost]:
        return [
            ZoomHost.objects.create(user=email, email=email, concurrency=seats)
            for email, seats in concurrency.items()
        ]

    return make


def next_hour(days: float = 2):
    return (timezone.now() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)


def assert_no_host_over_its_concurrency(sandbox, hosts: list[ZoomHost]) -> None:
    """Zoom's (the stand-in's) own view, buffer included: no host runs more than it may."""
    view = sandbox.hosts(buffer_minutes=settings.ZOOM_HOST_BUFFER_MINUTES)
    for host in hosts:
        assert view[host.email]["max_overlap"] <= host.concurrency, (host.email, view[host.email])


def assert_seats_distinct() -> None:
    """No two seat rows of one host and seat number overlap (the exclusion's promise)."""
    seats = list(HostSeat.objects.all())
    for index, one in enumerate(seats):
        for other in seats[index + 1 :]:
            same = (one.host_id, one.seat) == (other.host_id, other.seat)
            assert not (same and one.starts_at < other.ends_at and other.starts_at < one.ends_at)
