"""As the horizon moves forward (here the setting), the beat brings the next scheduled sessions
in and the worker makes their Zoom meetings."""

import math
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.integration.series.conftest import book, days_ahead, wait_until_ready
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_beat_makes_the_sessions_a_wider_horizon_takes_in(
    api, expert, client_user, two_hosts, workers, beat, sandbox, settings
):
    # given four weekly sessions booked with a horizon that takes in the first only
    first = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    settings.LUNOVA_SERIES_HORIZON_DAYS = math.ceil(days_ahead(first) + 2)
    series = book(api, expert, client_user, first, count=4).json()
    # and workers that already read a horizon two weeks further (the beat's task runs there)
    wider = str(settings.LUNOVA_SERIES_HORIZON_DAYS + 14)
    workers.start(ZOOM_TIMEZONE="Europe/Berlin", LUNOVA_SERIES_HORIZON_DAYS=wider)
    wait_until_ready(api, expert, series["id"], {1})
    assert len(sandbox.meetings()) == 1
    # when the beat runs
    beat.start(LUNOVA_SERIES_HORIZON_DAYS=wider, LUNOVA_RECONCILE_INTERVAL="1")
    # then the second and third are made in Zoom, and the fourth still waits
    sessions = wait_until_ready(api, expert, series["id"], {1, 2, 3})
    assert len(sandbox.meetings()) == 3
    assert sessions[3]["meeting"]["status"] == Meeting.Status.SCHEDULED
