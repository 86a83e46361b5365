"""Ending a care relation cancels the pair's weekly series too, not only its sessions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import related
from zoom_worker.care.services import care_relation_end
from zoom_worker.models import Appointment, Series
from zoom_worker.series.services import series_create


@pytest.mark.django_db
def test_the_pairs_series_is_cancelled_with_its_sessions_ahead(expert, client_user):
    # given a weekly series of three sessions of the pair
    series = series_create(
        expert=expert,
        client=client_user,
        start_time=timezone.now() + timedelta(days=1),
        count=3,
    )
    # when their relation ends
    care_relation_end(relation=related(expert=expert, client=client_user))
    # then the series is cancelled and none of its sessions is still booked
    assert Series.objects.get(pk=series.pk).cancelled is True
    statuses = set(Appointment.objects.filter(series=series).values_list("status", flat=True))
    assert statuses == {Appointment.Status.CANCELLED}
