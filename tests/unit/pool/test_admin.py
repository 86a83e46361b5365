"""The admin's Zoom host page: each host's concurrency, meetings now and today, requests used
today, in a fixed number of queries; disable and enable act through the services."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import pool_meeting
from zoom_worker.core.connections import zoom_limiter
from zoom_worker.models import ZoomHost

URL = "/admin/zoom_worker/zoomhost/"
IST = ZoneInfo("Europe/Istanbul")


def hosts(count: int, first: int = 1) -> list[ZoomHost]:
    return [
        ZoomHost.objects.create(
            user=f"host{n}@sandbox.lunova.test", email=f"host{n}@sandbox.lunova.test", concurrency=2
        )
        for n in range(first, first + count)
    ]


def page(operator) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = operator.get(URL)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_page_shows_each_hosts_load(operator, expert):
    # given host1 holding a meeting now and one later today, with 7 requests sent today
    [host] = hosts(1)
    now = timezone.now()
    starts = [now - timedelta(minutes=10), now + timedelta(minutes=50), now + timedelta(days=3)]
    for seat, start in enumerate(starts):
        pool_meeting(owner=expert, host=host, start=start, seat=seat % 2)
    # (today is Istanbul's date: near midnight the meeting at +50 minutes is tomorrow's)
    today = sum(start.astimezone(IST).date() == now.astimezone(IST).date() for start in starts)
    for _ in range(7):
        zoom_limiter().take_daily(host.user)
    # when the operator opens the page
    html, _queries = page(operator)
    # then its row reads one meeting now, its requests against the cap
    assert '<td class="field-meetings_now">1</td>' in html
    assert f'<td class="field-meetings_today">{today}</td>' in html
    assert '<td class="field-requests_today">7 / 100</td>' in html
    assert '<td class="field-concurrency">2</td>' in html


def test_more_hosts_cost_no_more_queries(operator, expert):
    # given one host, then four, each with a meeting now
    [first] = hosts(1)
    pool_meeting(owner=expert, host=first, start=timezone.now())
    _html, one = page(operator)
    for host in hosts(3, first=2):
        pool_meeting(owner=expert, host=host, start=timezone.now())
    # when the page is opened again, then it takes as many queries
    html, four = page(operator)
    assert html.count('<td class="field-meetings_now">1</td>') == 4
    assert four == one


def test_disable_and_enable_actions_go_through_the_services(operator, expert):
    # given host1 holding a meeting ahead
    [host] = hosts(1)
    pool_meeting(owner=expert, host=host, start=timezone.now() + timedelta(days=1))
    # when the operator disables it from the list
    response = operator.post(URL, {"action": "disable", "_selected_action": [host.pk]}, follow=True)
    # then it takes no new meetings, and the page says it keeps its one
    assert not ZoomHost.objects.get().active
    assert "1 görüşme" in response.content.decode()
    operator.post(URL, {"action": "enable", "_selected_action": [host.pk]})
    assert ZoomHost.objects.get().active


@pytest.mark.parametrize("path", ["add/", "1/delete/"])
def test_hosts_are_not_added_or_deleted_here(operator, path):
    # (adding asks Zoom first: `manage.py zoom_hosts add | sync`)
    hosts(1)
    assert operator.get(URL + path).status_code == 403
