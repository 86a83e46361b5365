"""A pool host's concurrency is 1 or 2 seats: the database refuses anything else."""

import pytest
from django.db import IntegrityError, transaction

from zoom_worker.models import ZoomHost


@pytest.mark.django_db
@pytest.mark.parametrize("concurrency", [1, 2])
def test_concurrency_one_or_two_is_stored(concurrency):
    # when a host is recorded with 1 or 2 seats, then it is stored active by default
    host = ZoomHost.objects.create(user=f"h{concurrency}@example.com", concurrency=concurrency)
    host.refresh_from_db()
    assert (host.concurrency, host.active) == (concurrency, True)


@pytest.mark.django_db
@pytest.mark.parametrize("concurrency", [0, 3])
def test_concurrency_outside_range_is_refused(concurrency):
    # when a host is written with a concurrency outside 1..2, then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        ZoomHost.objects.create(user="h@example.com", concurrency=concurrency)
    # and nothing is written
    assert not ZoomHost.objects.exists()


@pytest.mark.django_db
def test_same_user_twice_is_refused():
    # given a recorded host
    ZoomHost.objects.create(user="h@example.com")
    # when the same Zoom user is recorded again, then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        ZoomHost.objects.create(user="h@example.com")
