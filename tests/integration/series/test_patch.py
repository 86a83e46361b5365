"""A series PATCH moves every session ahead that was not moved on its own: the same Zoom meeting
and link where the host stays free; a session moved on its own stays where it was put."""

from datetime import timedelta

import pytest

from tests.integration.pool.conftest import next_hour
from tests.integration.series.conftest import (
    book,
    sessions_of,
    wait_until_ready,
    weeks_later,
    zulu,
)
from zoom_worker.models import Appointment

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_rest_moves_and_keeps_its_links_the_one_moved_alone_stays(
    api, expert, client_user, two_hosts, workers, sandbox
):
    # given four weekly sessions, all in Zoom
    first = next_hour()
    workers.start(ZOOM_TIMEZONE="Europe/Berlin")
    series = book(api, expert, client_user, first, count=4).json()
    before = wait_until_ready(api, expert, series["id"], {1, 2, 3, 4})
    # and the second moved on its own two hours later
    alone = weeks_later(first, 1) + timedelta(hours=2)
    moved = api(expert).patch(
        f"/api/v1/appointments/{before[1]['id']}/", {"start_time": zulu(alone)}, format="json"
    )
    assert moved.status_code == 200
    # when the series is moved an hour later from its next session on
    answer = api(expert).patch(
        f"/api/v1/series/{series['id']}/",
        {"start_time": zulu(first + timedelta(hours=1))},
        format="json",
    )
    # then the first, third and fourth start an hour later, each a week after the previous
    assert answer.status_code == 200, answer.content
    after = wait_until_ready(api, expert, series["id"], {1, 2, 3, 4})
    starts = {s["series"]["index"]: s["start_time"] for s in after}
    for index in (1, 3, 4):
        assert starts[index] == zulu(weeks_later(first + timedelta(hours=1), index - 1))
    # and their hosts stayed free, so they kept their Zoom meetings and links
    for index in (0, 2, 3):
        assert after[index]["meeting"]["meeting_id"] == before[index]["meeting"]["meeting_id"]
        assert after[index]["meeting"]["join_url"] == before[index]["meeting"]["join_url"]
    held = {str(m["id"]): m["start_time"] for m in sandbox.meetings()}
    assert held[after[0]["meeting"]["meeting_id"]] == starts[1]
    # and the session moved on its own is where it was put
    assert starts[2] == zulu(alone)
    assert Appointment.objects.get(pk=before[1]["id"]).moved_alone
    assert len(sessions_of(api, expert, series["id"])) == 4
