"""zoom_host_disable / zoom_host_enable: a disabled host keeps its meetings and takes no new
ones; the count it keeps is of meetings wanted in Zoom that have not started."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.models import Meeting, ZoomHost
from zoom_worker.pool.hosts import ZoomHostError, zoom_host_disable, zoom_host_enable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def meeting(**fields) -> Meeting:
    return Meeting.objects.create(topic="Terapi", duration=45, timezone="Europe/Istanbul", **fields)


@pytest.fixture
def host():
    return ZoomHost.objects.create(
        user="host1@sandbox.lunova.test", email="host1@sandbox.lunova.test"
    )


def test_disabling_a_host_with_meetings_ahead_says_how_many_it_keeps(host, expert):
    # given two meetings ahead on the host, one cancelled, one past, one on no pool host
    now = timezone.now()
    for start, wanted, pool_host in [
        (now + timedelta(days=1), Meeting.Wanted.EXISTS, host),
        (now + timedelta(days=2), Meeting.Wanted.EXISTS, host),
        (now + timedelta(days=3), Meeting.Wanted.GONE, host),
        (now - timedelta(days=1), Meeting.Wanted.EXISTS, host),
        (now + timedelta(days=1), Meeting.Wanted.EXISTS, None),
    ]:
        meeting(owner=expert, host="h", start_time=start, wanted=wanted, pool_host=pool_host)
    # when it is disabled, by its e-mail in capitals
    disabled, kept = zoom_host_disable(user="HOST1@sandbox.lunova.test")
    # then it is inactive and keeps its two meetings ahead
    assert kept == 2
    assert disabled.pk == host.pk
    assert not ZoomHost.objects.get().active
    assert Meeting.objects.filter(pool_host=host).count() == 4


def test_enabling_takes_it_back(host):
    zoom_host_disable(user=host.user)
    zoom_host_enable(user=host.user)
    assert ZoomHost.objects.get().active


@pytest.mark.parametrize("change", [zoom_host_disable, zoom_host_enable])
def test_an_unknown_host_is_refused(host, change):
    with pytest.raises(ZoomHostError, match=r"^nobody@example\.com is not a pool host\.$"):
        change(user="nobody@example.com")
    assert ZoomHost.objects.get().active
