"""zoom_host_add: a pool host is recorded only once Zoom (the stand-in, over HTTP) confirms a
licensed, active user that is no expert's own; any refusal writes nothing."""

import pytest

from lunova.users.services import user_create
from zoom_worker.models import ZoomHost
from zoom_worker.pool.hosts import ZoomHostError, zoom_host_add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

HOST1 = "host1@sandbox.lunova.test"


def test_a_licensed_active_user_is_recorded_with_its_email(sandbox):
    # when host1 is added by its Zoom user id, with two seats
    user_id = sandbox.state()["users"][1]["id"]
    host = zoom_host_add(user=user_id, concurrency=2)
    # then it is stored under that id, with the e-mail Zoom gave, active
    stored = ZoomHost.objects.get()
    assert (stored.user, stored.email, stored.concurrency, stored.active) == (
        user_id,
        HOST1,
        2,
        True,
    )
    assert host == stored


@pytest.mark.parametrize(
    ("user", "says"),
    [
        ("basic1@sandbox.lunova.test", "Basic (not licensed): its meetings end at 40 minutes"),
        ("inactive1@sandbox.lunova.test", "inactive"),
        ("nobody@example.com", "Zoom has no user nobody@example.com in this account."),
    ],
)
def test_a_user_zoom_does_not_confirm_is_refused(sandbox, user, says):
    # when a Basic, a deactivated or an unknown user is added
    with pytest.raises(ZoomHostError) as refused:
        zoom_host_add(user=user)
    # then one line says why, and nothing is recorded
    assert says in str(refused.value)
    assert "\n" not in str(refused.value)
    assert not ZoomHost.objects.exists()


def test_an_experts_own_zoom_user_is_refused(sandbox):
    # given an expert hosting on host2 as their own Zoom user
    user_create(
        username="elif", role="expert", password="p-1", zoom_user="HOST2@sandbox.lunova.test"
    )
    # when host2 is added to the pool
    with pytest.raises(ZoomHostError, match="an expert's own Zoom user serves only that expert"):
        zoom_host_add(user="host2@sandbox.lunova.test")
    # then it is not
    assert not ZoomHost.objects.exists()


def test_a_host_already_recorded_by_email_or_by_id_is_a_duplicate(sandbox):
    # given host1 recorded by e-mail
    zoom_host_add(user=HOST1)
    user_id = sandbox.state()["users"][1]["id"]
    # when it is added again, by e-mail in capitals and by its id
    for again in (HOST1.upper(), user_id):
        with pytest.raises(ZoomHostError, match="is already a pool host"):
            zoom_host_add(user=again)
    # then it is there once
    assert ZoomHost.objects.count() == 1


@pytest.mark.parametrize("concurrency", [0, 3])
def test_concurrency_outside_1_2_is_refused_with_the_reason_before_asking_zoom(
    sandbox, concurrency
):
    # when a host is added with 0 or 3 seats
    with pytest.raises(ZoomHostError) as refused:
        zoom_host_add(user=HOST1, concurrency=concurrency)
    # then the reason names Zoom's plans, Zoom was not asked, and nothing is recorded
    assert "Zoom runs 1 meeting at once" in str(refused.value)
    assert "2 on Business" in str(refused.value)
    assert sandbox.state()["counters"]["requests"]["user"] == 0
    assert not ZoomHost.objects.exists()


def test_zoom_failing_leaves_nothing_written(sandbox):
    # given Zoom answers the user look-up with a 503
    sandbox.set_faults(script=[{"op": "user", "fault": "503"}])
    # when host1 is added
    with pytest.raises(ZoomHostError, match="Zoom could not be reached, nothing was changed"):
        zoom_host_add(user=HOST1)
    # then nothing is recorded
    assert not ZoomHost.objects.exists()
