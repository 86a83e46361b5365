"""Extending a series books more sessions after the last, by the same rule, in one call."""

import pytest

from tests.integration.pool.conftest import next_hour
from tests.integration.series.conftest import book, sessions_of, weeks_later, zulu
from zoom_worker.models import HostSeat

pytestmark = pytest.mark.django_db


def test_extend_books_the_next_sessions_by_the_rule(api, expert, client_user, two_hosts):
    # given a two-session series every two weeks
    first = next_hour()
    series = book(api, expert, client_user, first, count=2, every_weeks=2).json()
    # when the expert extends it by three
    answer = api(expert).post(f"/api/v1/series/{series['id']}/extend/", {"count": 3}, format="json")
    # then it holds five sessions, the new ones two weeks apart after the last, each with a seat
    assert answer.status_code == 200, answer.content
    assert answer.json()["count"] == 5
    sessions = sessions_of(api, expert, series["id"])
    assert [s["start_time"] for s in sessions] == [
        zulu(weeks_later(first, 2 * n)) for n in range(5)
    ]
    assert {s["series"]["count"] for s in sessions} == {5}
    assert HostSeat.objects.count() == 5
    # and the preferred host (the previous session's) took them all, being free
    assert len(set(HostSeat.objects.values_list("host", flat=True))) == 1
