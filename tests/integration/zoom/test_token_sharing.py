"""One OAuth token serves a whole run of meetings across worker processes: Zoom's
Server-to-Server tokens are account-wide, so every process shares the one cached in Redis."""

import pytest

from tests.conftest import future, wait_until
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

MEETINGS = 24


def test_many_meetings_share_one_token(api, expert, client_user, workers, sandbox):
    # given two worker processes
    workers.start(name="a")
    workers.start(name="b")
    # when many appointments are booked at once
    for hour in range(MEETINGS):
        response = api(expert).post(
            "/api/v1/appointments/",
            {"client": client_user.pk, "start_time": future(days=1, hours=hour)},
            format="json",
        )
        assert response.status_code == 201
    wait_until(
        lambda: Meeting.objects.filter(status="ready").count() == MEETINGS,
        timeout=60,
        message="not every meeting became ready",
    )
    # then Zoom holds each once, and the whole fleet asked for one token
    assert len(sandbox.meetings()) == MEETINGS
    assert sandbox.state()["counters"]["token_requests"] == 1
