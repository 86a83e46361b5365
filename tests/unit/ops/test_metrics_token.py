"""GET /metrics: open in development, behind LUNOVA_METRICS_TOKEN when it is set, not published in
production without one."""

import pytest


@pytest.mark.django_db
def test_with_a_token_only_its_bearer_reads_the_metrics(client, settings):
    # given a metrics token
    settings.LUNOVA_METRICS_TOKEN = "scrape-token-1"
    # when Prometheus scrapes without it, with a wrong one, and with it
    missing = client.get("/metrics")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-2")
    right = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-1")
    # then only the right token reads them
    assert missing.status_code == wrong.status_code == 401
    assert right.status_code == 200
    assert b"lunova_meetings" in right.content


@pytest.mark.django_db
def test_production_without_a_token_does_not_publish_them(client, settings):
    # given production mode and no token
    settings.LUNOVA_PRODUCTION = True
    settings.LUNOVA_METRICS_TOKEN = ""
    # when /metrics is asked
    response = client.get("/metrics")
    # then it is not there
    assert response.status_code == 404
    assert b"lunova_meetings" not in response.content


@pytest.mark.django_db
def test_development_without_a_token_leaves_them_open(client, settings):
    settings.LUNOVA_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 200
