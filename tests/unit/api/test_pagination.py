"""The lists count up to a cap, not all rows: past it, `count` is the cap and `next` goes on."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zoom_worker.api import pagination
from zoom_worker.appointments.services import appointment_create

URL = "/api/v1/appointments/"


@pytest.fixture
def three(expert, client_user, monkeypatch):
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", 2)
    return [
        appointment_create(
            expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=d)
        )
        for d in (1, 2, 3)
    ]


@pytest.mark.django_db
def test_count_stops_at_the_cap(api, expert, three):
    body = api(expert).get(URL, {"page_size": 2}).json()
    assert body["count"] == 2
    assert body["next"] is not None
    assert [a["id"] for a in body["results"]] == [three[2].pk, three[1].pk]


@pytest.mark.django_db
def test_pages_past_the_cap_are_served_and_the_last_has_no_next(api, expert, three):
    body = api(expert).get(URL, {"page_size": 1, "page": 3}).json()
    assert [a["id"] for a in body["results"]] == [three[0].pk]
    assert body["next"] is None
    assert body["previous"] is not None


@pytest.mark.django_db
def test_a_page_past_the_last_row_is_a_404(api, expert, three):
    response = api(expert).get(URL, {"page_size": 1, "page": 4})
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_count_under_the_cap_is_exact(api, expert, client_user, three, monkeypatch):
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", 10)
    body = api(expert).get(URL).json()
    assert body["count"] == 3
    assert body["next"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("cap", [2, 10])  # past the cap and under it
def test_a_later_page_skips_rows_without_their_joins(api, expert, three, monkeypatch, cap):
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", cap)
    with CaptureQueriesContext(connection) as captured:
        body = api(expert).get(URL, {"page": 2, "page_size": 1}).json()
    assert [a["id"] for a in body["results"]] == [three[1].pk]
    offsets = [q["sql"] for q in captured.captured_queries if "OFFSET" in q["sql"].upper()]
    # the one query that skips rows joins nothing; the page's rows are read by id
    assert len(offsets) == 1 and "JOIN" not in offsets[0].upper(), offsets
