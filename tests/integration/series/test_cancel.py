"""DELETE of a series cancels only the sessions still ahead: the Zoom meetings made for them are
deleted, and no Zoom call is made for the sessions still scheduled."""

import math
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import wait_until
from tests.integration.pool.conftest import next_hour
from tests.integration.series.conftest import book, days_ahead, sessions_of, wait_until_ready
from zoom_worker.models import Appointment, Meeting, SyncAttempt

pytestmark = pytest.mark.django_db(transaction=True)


def test_only_sessions_ahead_are_cancelled_and_only_made_meetings_deleted(
    api, expert, client_user, two_hosts, workers, sandbox, settings
):
    # given four weekly sessions, the first two in Zoom and the last two scheduled
    first = next_hour()
    settings.LUNOVA_SERIES_HORIZON_DAYS = math.ceil(days_ahead(first) + 10)
    workers.start(ZOOM_TIMEZONE="Europe/Berlin")
    series = book(api, expert, client_user, first, count=4).json()
    sessions = wait_until_ready(api, expert, series["id"], {1, 2})
    # and the first one already past (the clock moved on)
    past = timezone.now() - timedelta(hours=1)
    Meeting.objects.filter(appointment__pk=sessions[0]["id"]).update(start_time=past)
    Appointment.objects.filter(pk=sessions[0]["id"]).update(start_time=past)
    # when the client cancels the series
    answer = api(client_user).delete(f"/api/v1/series/{series['id']}/")
    # then the three ahead are cancelled and the past one is untouched
    assert answer.status_code == 204
    after = sessions_of(api, expert, series["id"])
    assert [s["status"] for s in after] == ["pending", "cancelled", "cancelled", "cancelled"]
    assert after[0]["meeting"]["status"] == "ready"
    # and the second's Zoom meeting is deleted; only the past one's is left in Zoom
    wait_until(
        lambda: sessions_of(api, expert, series["id"])[1]["meeting"]["status"] == "deleted",
        message="the made session's Zoom meeting was never deleted",
    )
    assert [str(m["id"]) for m in sandbox.meetings()] == [after[0]["meeting"]["meeting_id"]]
    # and the scheduled ones are deleted without ever a Zoom call
    assert [s["meeting"]["status"] for s in after[2:]] == ["deleted", "deleted"]
    never_made = Meeting.objects.filter(appointment__pk__in=[s["id"] for s in after[2:]])
    assert not SyncAttempt.objects.filter(meeting__in=never_made).exists()
    assert api(expert).get(f"/api/v1/series/{series['id']}/").json()["status"] == "cancelled"
