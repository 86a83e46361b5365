"""Every metric the Grafana dashboard and the alert rules query is one the service exports (or
Prometheus and its blackbox probe make: `up`, `probe_success`)."""

import json
import re

import pytest
import yaml
from prometheus_client import REGISTRY

from tests.plugins.services import ROOT
from zoom_worker.ops.metrics import SharedStateCollector

FROM_PROMETHEUS = {"up", "probe_success"}
METRIC = re.compile(r"\b((?:lunova|django_http)_[a-z_]+)\b")


def exported(client) -> set[str]:
    # django-prometheus registers its metrics when its middleware first runs.
    client.get("/healthz")
    names = set(REGISTRY._names_to_collectors)
    return names | {family.name for family in SharedStateCollector().collect()}


def dashboard_queries() -> list[str]:
    dashboard = json.loads((ROOT / "deploy/grafana/lunova.json").read_text(encoding="utf-8"))
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def alert_queries() -> list[str]:
    rules = yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text(encoding="utf-8"))
    return [rule["expr"] for group in rules["groups"] for rule in group["rules"]]


@pytest.mark.django_db
@pytest.mark.parametrize("queries", [dashboard_queries, alert_queries], ids=["grafana", "alerts"])
def test_every_queried_metric_exists(client, queries):
    # given the expressions of the dashboard or the alerts
    used = {name for expr in queries() for name in METRIC.findall(expr)}
    # when compared with what the service exports
    missing = used - exported(client)
    # then none is unknown, and the Lunova ones are there to be seen
    assert missing == set()
    assert {"lunova_meetings", "lunova_zoom_calls_total"} <= used
