"""Erasure ends the person's care relations and cancels their weekly series; the export holds
both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.unit.personal_data.test_erasure import erase
from zoom_worker.models import CareRelation, Series
from zoom_worker.series.services import series_create


@pytest.mark.django_db
def test_the_clients_relations_end_and_series_are_cancelled(api, expert, client_user, sent):
    # given a client related to an expert, with a weekly series ahead
    series = series_create(
        expert=expert,
        client=client_user,
        start_time=timezone.now() + timedelta(days=2),
        count=2,
    )
    exported = api(client_user).get("/api/v1/auth/me/data/").json()
    assert [row["id"] for row in exported["series"]] == [series.pk]
    assert len(exported["care_relations"]) == 1
    # when the client is erased
    printed = erase(client_user.pk)
    # then the relation has ended and the series is cancelled, each said in one line
    assert CareRelation.objects.get().ended_at is not None
    assert Series.objects.get(pk=series.pk).cancelled is True
    assert "care relations ended: 1" in printed
    assert "weekly series cancelled: 1" in printed
