"""A start link whose host token has died is forgotten by the beat task, a batch at a time."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import ZOOM_FACTS, ready_appointment
from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings import reconcile
from zoom_worker.models import START_URL_LIFETIME, Meeting


def issued(meeting: Meeting, ago: timedelta) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(
        start_url=ZOOM_FACTS["start_url"], start_url_issued_at=timezone.now() - ago
    )


@pytest.fixture
def meetings(expert, client_user):
    fresh = ready_appointment(expert=expert, client=client_user).meeting
    dead = [
        appointment_create(
            expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=d)
        ).meeting
        for d in (4, 5)
    ]
    for meeting in dead:
        issued(meeting, START_URL_LIFETIME + timedelta(minutes=1))
    return fresh, dead


@pytest.mark.django_db
def test_dead_links_are_cleared_and_live_ones_kept(meetings):
    fresh, dead = meetings
    # when the beat task runs
    cleared = reconcile.meeting_start_urls_clear()
    # then only the dead links are gone
    assert cleared == 2
    rows = {m.pk: m for m in Meeting.objects.all()}
    assert rows[fresh.pk].start_url == ZOOM_FACTS["start_url"]
    assert [rows[m.pk].start_url for m in dead] == ["", ""]


@pytest.mark.django_db
def test_a_pass_clears_at_most_a_batch(meetings, monkeypatch):
    monkeypatch.setattr(reconcile, "START_URL_CLEAR_BATCH", 1)
    assert reconcile.meeting_start_urls_clear() == 1
    assert reconcile.meeting_start_urls_clear() == 1
    assert reconcile.meeting_start_urls_clear() == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_the_dead_links_are_found_through_their_partial_index(meetings):
    query = Meeting.objects.with_dead_start_url(now=timezone.now()).values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
    assert "meeting_start_url_held" in plan
