"""zoom_host_sync: every page of the account's users read from Zoom (the stand-in, over HTTP);
licensed active users added, the rest skipped with the reason; nothing written on a failure."""

import pytest

from lunova.users.services import user_create
from zoom_worker.models import ZoomHost
from zoom_worker.pool.hosts import SyncLine, ZoomHostError, zoom_host_sync

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

OWNER = "owner@sandbox.lunova.test"


def test_licensed_users_are_added_and_the_others_skipped_with_the_reason(sandbox):
    # given host4 already recorded, and host3 an expert's own Zoom user
    ZoomHost.objects.create(user="host4@sandbox.lunova.test", email="host4@sandbox.lunova.test")
    user_create(
        username="elif", role="expert", password="p-1", zoom_user="host3@sandbox.lunova.test"
    )
    # when the pool is synced with two seats a host
    lines = zoom_host_sync(concurrency=2)
    # then one line per user says what was done
    assert lines == [
        SyncLine("added", OWNER),
        SyncLine("added", "host1@sandbox.lunova.test"),
        SyncLine("added", "host2@sandbox.lunova.test"),
        SyncLine(
            "skipped",
            "host3@sandbox.lunova.test",
            "an expert's own Zoom user serves only that expert",
        ),
        SyncLine("present", "host4@sandbox.lunova.test"),
        SyncLine(
            "skipped",
            "basic1@sandbox.lunova.test",
            "Basic (not licensed): its meetings end at 40 minutes",
        ),
        SyncLine("skipped", "inactive1@sandbox.lunova.test", "inactive"),
    ]
    added = ZoomHost.objects.exclude(user="host4@sandbox.lunova.test")
    assert sorted(added.values_list("user", "email", "concurrency")) == [
        ("host1@sandbox.lunova.test", "host1@sandbox.lunova.test", 2),
        ("host2@sandbox.lunova.test", "host2@sandbox.lunova.test", 2),
        (OWNER, OWNER, 2),
    ]


def test_every_page_is_read(sandbox):
    # given 305 more licensed users: two pages of 300
    for n in range(305):
        sandbox.add_user(f"pool{n:03}@example.com")
    # when the pool is synced
    lines = zoom_host_sync()
    # then the users of both pages are added
    assert sandbox.state()["counters"]["requests"]["users"] == 3  # two active pages, one inactive
    assert ZoomHost.objects.filter(user__startswith="pool").count() == 305
    assert sum(line.outcome == "added" for line in lines) == 305 + 5


def test_a_second_sync_finds_everyone_there(sandbox):
    zoom_host_sync()
    lines = zoom_host_sync()
    assert [line.outcome for line in lines] == ["present"] * 5 + ["skipped"] * 2
    assert ZoomHost.objects.count() == 5


def test_zoom_failing_on_a_later_page_writes_nothing(sandbox):
    # given two pages of users, and Zoom failing the second
    for n in range(305):
        sandbox.add_user(f"pool{n:03}@example.com")
    # (a "timeout" of 10 ms answers the first page in time)
    first_answered = {"op": "users", "fault": "timeout", "seconds": 0.01}
    sandbox.set_faults(script=[first_answered, {"op": "users", "fault": "500"}])
    # when the pool is synced
    with pytest.raises(ZoomHostError, match="Zoom could not be reached, nothing was changed"):
        zoom_host_sync()
    # then the second page was the one refused, and no host is recorded
    assert sandbox.state()["counters"]["requests"]["users"] == 2
    assert not ZoomHost.objects.exists()


@pytest.mark.parametrize("concurrency", [0, 3])
def test_concurrency_outside_1_2_is_refused(sandbox, concurrency):
    with pytest.raises(ZoomHostError, match="must be 1 or 2"):
        zoom_host_sync(concurrency=concurrency)
    assert sandbox.state()["counters"]["requests"]["users"] == 0
