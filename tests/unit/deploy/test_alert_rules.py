"""deploy/prometheus/alerts.yml: valid rules (`promtool check rules`), and each alert fires on the
series its tests give (`promtool test rules`). CI installs promtool (Debian's prometheus)."""

import shutil
import subprocess

import pytest

from tests.plugins.services import ROOT

RULES = ROOT / "deploy" / "prometheus"


@pytest.fixture(scope="module")
def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.skip("promtool is not installed (Debian: apt-get install prometheus); CI has it")
    return path


def run(promtool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([promtool, *args], cwd=RULES, capture_output=True, text=True, timeout=60)


def test_the_rules_are_valid(promtool):
    result = run(promtool, "check", "rules", "alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 rules found" in result.stdout + result.stderr


def test_each_alert_fires_on_its_series(promtool):
    result = run(promtool, "test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_refuses_a_broken_rule(promtool, tmp_path):
    # given a rule whose expression does not parse
    broken = tmp_path / "broken.yml"
    broken.write_text("groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(\n")
    # then the check fails
    assert run(promtool, "check", "rules", str(broken)).returncode != 0
