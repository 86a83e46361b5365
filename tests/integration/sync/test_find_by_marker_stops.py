"""A create retried after a lost answer reads the host's list only up to the meeting's start:
Zoom lists upcoming meetings by start time, so later pages cannot hold it."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.utils import timezone

from tests.integration.test_reconcile import zoom_meeting
from zoom_worker.connections import zoom_client
from zoom_worker.services import sync
from zoom_worker.zoom import client as zoom_client_module
from zoom_worker.zoom_payloads import create_body, desired_fields


def snapshot(*, start, marker) -> sync.Snapshot:
    return sync.Snapshot(
        pk=0,
        version=1,
        wanted="exists",
        host="me",
        marker=marker,
        desired=desired_fields(topic="Terapi", start_time=start, duration=45, timezone="UTC"),
        ends_at=start + timedelta(minutes=45),
        zoom_meeting_id=None,
        zoom_state={},
        create_attempted=True,
    )


def list_calls(sandbox) -> int:
    return sandbox.state()["counters"]["requests"]["list"]


@pytest.fixture
def five_pages(sandbox, monkeypatch):
    """Five meetings of the host, one a page, two days apart from now + 2 days."""
    monkeypatch.setattr(zoom_client_module, "PAGE_SIZE", 1)
    return [zoom_meeting(marker=uuid4()) for _ in range(5)]


@pytest.mark.django_db
def test_the_look_up_stops_at_the_first_later_meeting(sandbox, five_pages):
    # given the host's meetings all start in two days, and this one an hour before
    start = timezone.now() + timedelta(days=2) - timedelta(hours=1)
    before = list_calls(sandbox)
    # when the retry looks for a meeting an earlier create made, which Zoom never made
    found = sync._find_by_marker(zoom_client(), snapshot(start=start, marker=uuid4()))
    # then one page is read, not all five
    assert found is None
    assert list_calls(sandbox) - before == 1


@pytest.mark.django_db
def test_a_meeting_at_the_rows_start_is_still_found(sandbox, five_pages):
    # given a meeting made by the lost create, at the row's start, listed after the others
    marker = uuid4()
    start = timezone.now() + timedelta(days=3)
    made = create_body(
        desired=desired_fields(topic="Terapi", start_time=start, duration=45, timezone="UTC"),
        marker=marker,
    )
    made_id = zoom_client().create_meeting(host="me", body=made)["id"]
    # when the retry looks for it, then it is found
    found = sync._find_by_marker(zoom_client(), snapshot(start=start, marker=marker))
    assert found is not None and found["id"] == made_id
