"""A 10-session weekly series booked in one call: ten appointments with a seat each, every one
at the same Berlin wall-clock hour across a daylight saving change; the sessions within the
horizon are made in Zoom by a real worker, the others wait `scheduled` with no Zoom call."""

import math
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.integration.series.conftest import (
    BERLIN,
    book,
    days_ahead,
    local_day_at,
    next_dst_change,
    wait_until_ready,
)
from zoom_worker.models import Appointment, HostSeat, Meeting, SyncAttempt

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_sessions_in_one_call_keep_the_local_hour(
    api, expert, client_user, two_hosts, workers, sandbox, settings
):
    # given a first session at 18:00 Berlin time five weeks before a daylight saving change
    change = next_dst_change(timezone.now() + timedelta(days=2))
    first_day = max(change - timedelta(weeks=5), timezone.now() + timedelta(days=1))
    first = local_day_at(first_day.astimezone(BERLIN).date(), 18)
    # and a horizon that takes in the first two sessions only
    settings.LUNOVA_SERIES_HORIZON_DAYS = math.ceil(days_ahead(first) + 10)
    workers.start(ZOOM_TIMEZONE="Europe/Berlin")
    # when the expert books ten weekly sessions in one call
    answer = book(api, expert, client_user, first, count=10)
    # then the series holds ten sessions, each an appointment with its own seat
    assert answer.status_code == 201, answer.content
    series = answer.json()
    assert [s["index"] for s in series["sessions"]] == list(range(1, 11))
    assert Appointment.objects.filter(series_id=series["id"]).count() == 10
    assert HostSeat.objects.count() == 10
    # and every session starts at 18:00 on the same weekday in Berlin, whatever its UTC hour
    sessions = wait_until_ready(api, expert, series["id"], {1, 2})
    starts = [Appointment.objects.get(pk=s["id"]).start_time.astimezone(BERLIN) for s in sessions]
    assert {(s.hour, s.minute, s.weekday()) for s in starts} == {(18, 0, first.weekday())}
    assert len({s.utcoffset() for s in starts}) == 2  # the change lies inside the series
    # and the two within the horizon are in Zoom, each with its own link
    assert [s["meeting"]["status"] for s in sessions[:2]] == ["ready", "ready"]
    assert sorted(m["id"] for m in sandbox.meetings()) == sorted(
        int(s["meeting"]["meeting_id"]) for s in sessions[:2]
    )
    # and the other eight are scheduled: no link, and Zoom was never called for them
    assert {s["meeting"]["status"] for s in sessions[2:]} == {"scheduled"}
    assert {s["meeting"]["join_url"] for s in sessions[2:]} == {None}
    later = Meeting.objects.filter(appointment__series_id=series["id"], status="scheduled")
    assert not SyncAttempt.objects.filter(meeting__in=later).exists()
    # and each appointment says where it stands in its series
    assert sessions[4]["series"] == {"id": series["id"], "index": 5, "count": 10}
