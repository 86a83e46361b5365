"""`lunova_zoom_host_daily_requests` never labels a host by a person's address: a pool host (a
service account) by its e-mail, an expert's own Zoom user by the expert's id."""

import pytest

from lunova.users.services import user_create
from tests.unit.ops.test_metrics import scrape, value
from zoom_worker.core.connections import zoom_client
from zoom_worker.models import ZoomHost


@pytest.mark.django_db
def test_each_host_is_labelled_without_a_personal_address(client, settings):
    # given requests sent today for an expert's own Zoom user, a pool host, the default host
    # and a host nobody claims any more (an expert's former Zoom user, which is not read)
    settings.ZOOM_HOST_USER = "service@lunova.test"
    expert = user_create(
        username="ayse", role="expert", password="p-1", zoom_user="Ayse.Kisisel@gmail.com"
    )
    ZoomHost.objects.create(user="zUsEr123", email="host1@pool.lunova.test")
    limiter = zoom_client()._limiter
    sent = {
        "ayse.kisisel@gmail.com": 3,
        "zuser123": 4,
        "service@lunova.test": 5,
        "eski.kisisel@gmail.com": 6,
    }
    for host, count in sent.items():
        for _ in range(count):
            limiter.take_daily(host)
    # when Prometheus scrapes
    response = client.get("/metrics").content.decode()
    samples = scrape(client)
    # then each count is under its label, and no personal address is anywhere
    name = "lunova_zoom_host_daily_requests"
    assert value(samples, name, host=f"expert:{expert.pk}") == 3
    assert value(samples, name, host="host1@pool.lunova.test") == 4
    assert value(samples, name, host="service@lunova.test") == 5
    assert value(samples, name, host="other") == 0
    assert "kisisel" not in response.lower()
