"""`manage.py demo_users`: the expert, the client and an admin operator, each created and
printed once."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.conftest import future
from zoom_worker.models import ZoomHost


def run() -> str:
    out = StringIO()
    call_command("demo_users", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_operator_can_log_in_to_the_admin_and_is_printed_once(client):
    # given an empty database
    # when the demo users are created twice
    first, second = run(), run()
    # then the operator's login is printed once, in the `demo ROLE: …` form
    assert "demo operator: username operator password operator-demo-1" in first.splitlines()
    assert "demo expert: username uzman password uzman-demo-1" in first.splitlines()
    assert second == ""
    # and that login opens the admin
    operator = get_user_model().objects.get(username="operator")
    assert operator.is_staff and operator.is_superuser and operator.role == ""
    assert client.login(username="operator", password="operator-demo-1")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_with_the_stand_in_a_demo_pool_is_seeded_once(settings):
    # given Zoom is the offline stand-in and no host is recorded
    settings.ZOOM_USE_SANDBOX = True
    # when the demo users are created twice
    first, second = run(), run()
    # then three of the stand-in's licensed users are pool hosts, printed once
    assert [line for line in first.splitlines() if line.startswith("demo pool host")] == [
        "demo pool host: host1@sandbox.lunova.test concurrency 1",
        "demo pool host: host2@sandbox.lunova.test concurrency 1",
        "demo pool host: host3@sandbox.lunova.test concurrency 2",
    ]
    assert second == ""
    assert ZoomHost.objects.filter(active=True).count() == 3


@pytest.mark.django_db
def test_with_real_zoom_no_pool_is_seeded(settings):
    settings.ZOOM_USE_SANDBOX = False
    assert "demo pool host" not in run()
    assert not ZoomHost.objects.exists()


@pytest.mark.django_db
def test_the_demo_client_chose_the_demo_expert(api):
    # given the demo users, made twice
    first, second = run(), run()
    users = get_user_model().objects
    expert, client = users.get(username="uzman"), users.get(username="danisan")
    # then their relation is recorded once, and the expert books the client at once
    assert "demo care relation: danisan chose uzman" in first.splitlines()
    assert "care relation" not in second
    booking = {"client": client.pk, "start_time": future()}
    assert api(expert).post("/api/v1/appointments/", booking, format="json").status_code == 201
