"""The sync-health page's host-seats section: each active pool host's seats held now and its
meetings today; without a pool, where meetings go."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import pool_meeting
from zoom_worker.models import ZoomHost


def test_active_hosts_show_their_seats_now(operator, expert):
    # given host1 (2 seats) in a meeting now, and a disabled host
    host = ZoomHost.objects.create(
        user="host1@sandbox.lunova.test", email="host1@sandbox.lunova.test", concurrency=2
    )
    ZoomHost.objects.create(user="host2@sandbox.lunova.test", active=False)
    pool_meeting(owner=expert, host=host, start=timezone.now() - timedelta(minutes=5))
    # when the page is read
    html = operator.get("/admin/sync-health/").content.decode()
    # then host1's row says 1 of 2 seats (in Turkish), and the disabled host is not there
    assert 'data-figure="pool-seats:host1@sandbox.lunova.test">şu an 2 yerden 1 dolu' in html
    assert "pool-seats:host2@sandbox.lunova.test" not in html


def test_without_a_pool_the_section_says_where_meetings_go(operator):
    html = operator.get("/admin/sync-health/").content.decode()
    assert "Havuzda toplantı sahibi yok" in html
