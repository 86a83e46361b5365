"""scripts/audit_dependencies.py: a known vulnerability fails the audit; a vulnerability feed out of
reach says loudly that nothing was audited, and passes."""

import importlib.util
import io
import urllib.error

import pytest

from tests.plugins.services import ROOT

SCRIPT = ROOT / "scripts" / "audit_dependencies.py"


def load_script():
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def audit(monkeypatch):
    """The script, with pip-audit replaced by a stand-in that records its lock."""
    module = load_script()
    module.asked, module.ran = [], []
    monkeypatch.setattr(module, "pip_audit", lambda lock: module.ran.append(lock) or module.status)
    module.status = 0
    return module


@pytest.fixture
def lock(tmp_path):
    path = tmp_path / "base.txt"
    path.write_text(
        "# a comment\namqp==5.4.2 \\\n    --hash=sha256:ab\n    # via kombu\ndjango==5.2.20 \\\n"
    )
    return path


def answering(module, monkeypatch, answer):
    def urlopen(url, timeout):
        module.asked.append(url)
        if isinstance(answer, Exception):
            raise answer
        return io.BytesIO(answer)

    monkeypatch.setattr(module.urllib.request, "urlopen", urlopen)


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(urllib.error.URLError("Name or service not known"), id="no DNS"),
        pytest.param(
            urllib.error.HTTPError("https://pypi.org", 404, "Not Found", None, None),
            id="a mirror without the JSON API",
        ),
        pytest.param(TimeoutError("timed out"), id="a timeout"),
        pytest.param(b"<html>a captive portal</html>", id="an answer that is no JSON"),
    ],
)
def test_an_unreachable_feed_passes_with_a_banner_and_audits_nothing(
    audit, lock, monkeypatch, capsys, answer
):
    # given a vulnerability feed that gives no answer about the lock's first pin
    answering(audit, monkeypatch, answer)
    # when the audit runs
    status = audit.main([str(lock)])
    # then it passes, pip-audit never ran, and stderr says that nothing was audited, and why
    assert status == 0
    assert audit.ran == []
    assert audit.asked == ["https://pypi.org/pypi/amqp/5.4.2/json"]
    err = capsys.readouterr().err
    assert "WARNING: dependency audit NOT DONE" in err
    assert "https://pypi.org/pypi/amqp/5.4.2/json: " in err


@pytest.mark.parametrize("status", [0, 1])
def test_a_reachable_feed_runs_pip_audit_and_returns_its_status(audit, lock, monkeypatch, status):
    # given a feed that answers, and pip-audit finding a vulnerability (1) or none (0)
    answering(audit, monkeypatch, b'{"info": {}, "vulnerabilities": []}')
    audit.status = status
    # when the audit runs, then pip-audit audits that lock and its status is the audit's
    assert audit.main([str(lock)]) == status
    assert audit.ran == [lock]


def test_pip_audit_is_strict_and_checks_the_locks_hashes(monkeypatch, lock):
    module = load_script()
    commands = []
    monkeypatch.setattr(module.subprocess, "call", lambda command: commands.append(command) or 1)
    assert module.pip_audit(lock) == 1
    [command] = commands
    assert command[1:3] == ["-m", "pip_audit"]
    assert {"--strict", "--require-hashes", "--disable-pip"} <= set(command)
    assert command[-2:] == ["--requirement", str(lock)]
